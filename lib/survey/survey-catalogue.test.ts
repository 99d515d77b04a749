import { describe, expect, it } from "vitest";
import { filterTeams, type TeamOption } from "./survey-catalogue";

const teams: TeamOption[] = [
  { slug: "nova", name: "Nova", service: "Compute service", deliverables: ["nova", "python-novaclient"] },
  {
    slug: "neutron",
    name: "Neutron",
    service: "Networking service",
    deliverables: ["neutron", "ovn-octavia-provider"],
  },
];

describe("filterTeams", () => {
  it("matches names, services and repositories, ignoring case; blank shows all", () => {
    expect(filterTeams(teams, "NOVA").map((t) => t.slug)).toEqual(["nova"]);
    expect(filterTeams(teams, "networking").map((t) => t.slug)).toEqual(["neutron"]);
    expect(filterTeams(teams, "octavia").map((t) => t.slug)).toEqual(["neutron"]);
    expect(filterTeams(teams, "  ")).toHaveLength(2);
  });
});
