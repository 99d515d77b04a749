import { apiErrorResponse } from "@/lib/survey/api-error";

// Any /api address no endpoint serves: the API's error shape, not the site's HTML 404 page.
const notFound = () => apiErrorResponse(404, "not_found", "There is no endpoint at this address (docs/api.md lists them).");
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
