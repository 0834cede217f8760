/** The signed-in user's to-dos: the header badge, the workbench and the to-do centre share this query; a move in any module refreshes it. */
export const TODOS_KEY = ['todos'] as const;
