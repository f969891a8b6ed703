/** The OpenAPI security of the endpoints that need `Authorization: Bearer <access token>`. */
export const PROTECTED = { security: [{ bearerAuth: [] }] };
