// /docs: Swagger UI over the app's own OpenAPI (assets served by the app, no CDN).
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
