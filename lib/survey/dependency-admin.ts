// Form schemas of the organisers' dependency curation. Pure.
import { z } from "zod";

const id = z.coerce.number({ error: "Choose a package" }).int("Choose a package").positive("Choose a package");

export const setDependencyOriginSchema = z.object({
  dependencyId: id,
  origin: z.enum(["openstack", "external"], { error: "Choose OpenStack's own or external" }),
});
