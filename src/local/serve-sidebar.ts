/** TODO(sidebar helper): `roadmap500 serve-sidebar <workbook.xlsx> --user EMAIL [--port N] [--today D]`. */
export interface ServeSidebarOptions { workbook: string; user: string; port?: number; today?: string }
export async function serveSidebar(_opts: ServeSidebarOptions): Promise<number> {
  throw new Error('serve-sidebar: ещё не реализовано');
}
