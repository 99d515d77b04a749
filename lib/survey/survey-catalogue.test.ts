import { describe, expect, it } from "vitest";
import { filterTeams, matchingRepository, type TeamOption } from "./survey-catalogue";

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

describe("matchingRepository", () => {
  it("names the repository only when nothing else about the team matched", () => {
    expect(matchingRepository(teams[1]!, "octavia")).toBe("ovn-octavia-provider");
    expect(matchingRepository(teams[0]!, "nova")).toBeNull();
    expect(matchingRepository(teams[0]!, "compute")).toBeNull();
    expect(matchingRepository(teams[0]!, "")).toBeNull();
  });
});
