// frappe-gantt ships no types; this declares the part of its documented API (README, v1.2) we use.
declare module 'frappe-gantt' {
  export interface GanttTask {
    id: string;
    name: string;
    start: string;
    end: string;
    progress?: number;
    dependencies?: string;
    custom_class?: string;
  }
  export interface GanttOptions {
    view_mode?: 'Day' | 'Week' | 'Month' | 'Year';
    language?: string;
    readonly?: boolean;
    readonly_progress?: boolean;
    move_dependencies?: boolean;
    popup?: false | ((context: unknown) => string | false | undefined);
    popup_on?: 'click' | 'hover';
    today_button?: boolean;
    view_mode_select?: boolean;
    infinite_padding?: boolean;
    container_height?: 'auto' | number;
    scroll_to?: string;
    on_click?: (task: GanttTask) => void;
    on_date_change?: (task: GanttTask, start: Date, end: Date) => void;
  }
  export default class Gantt {
    constructor(element: HTMLElement | SVGElement | string, tasks: GanttTask[], options?: GanttOptions);
    change_view_mode(mode: 'Day' | 'Week' | 'Month' | 'Year', maintainPosition?: boolean): void;
    refresh(tasks: GanttTask[]): void;
  }
}
