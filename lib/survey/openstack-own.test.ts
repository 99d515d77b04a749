import { describe, expect, it } from "vitest";
import { buildOpenStackNameIndex, recogniseOpenStackPackage } from "./openstack-own";

const index = buildOpenStackNameIndex([
  { slug: "nova", deliverables: ["nova", "python-novaclient", "os-vif"] },
  { slug: "keystone", deliverables: ["keystone", "keystoneauth", "keystonemiddleware"] },
  { slug: "oslo", deliverables: ["oslo.config", "cliff"] },
]);
const own = (name: string) => recogniseOpenStackPackage(index, name) !== null;

describe("recogniseOpenStackPackage", () => {
  it("knows the teams' deliverables, whatever the spelling or a version suffix", () => {
    expect(own("oslo_config")).toBe(true);
    expect(own("keystoneauth1")).toBe(true);
    expect(own("python-novaclient")).toBe(true);
  });

  it("knows the naming conventions, retired projects included", () => {
    for (const name of [
      "python-ceilometerclient",
      "os-win",
      "oslo.i18n",
      "oslosphinx",
      "tempest-lib",
      "tempest",
      "neutron-tempest-plugin",
      "openstacksdk",
      "django_openstack_auth",
      "osc-lib",
      "tripleo-common",
      "diskimage-builder",
      "networking-l2gw",
      "monasca-common",
      "novaclient",
      "nova-specs",
      "keystone-tempest-plugin",
    ]) {
      expect(own(name), name).toBe(true);
    }
  });

  it("leaves external packages external, including clients of other products", () => {
    for (const name of [
      "six",
      "Django",
      "kafka-python",
      "python-ldap",
      "python-dateutil",
      "python-3parclient",
      "python-memcached",
      "retrying",
      "novelty",
      "cliffhanger",
      "pyos",
    ]) {
      expect(own(name), name).toBe(false);
    }
  });
});
