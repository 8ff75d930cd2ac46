/** Sidebar client (placeholder until the sidebar lands). */
export {};
