// The menu's shortcuts as the page reads them (Electron's accelerator notation, as in
// shared/formats.ts): whether a key press is one, and how assistive technology names it. In the
// browser the page acts on them itself; in the desktop app the menu does.

/** Whether `event` is `accelerator` (e.g. "CmdOrCtrl+Shift+E"): Ctrl or Cmd, and exactly the modifiers it names. */
export function isShortcut(event: KeyboardEvent, accelerator: string): boolean {
  const parts = accelerator.toLowerCase().split('+');
  const key = parts.pop();
  return (
    event.key.toLowerCase() === key &&
    (event.ctrlKey || event.metaKey) === parts.includes('cmdorctrl') &&
    event.shiftKey === parts.includes('shift') &&
    event.altKey === parts.includes('alt')
  );
}

/** `accelerator` as aria-keyshortcuts names it: "CmdOrCtrl+E" is "Control+E Meta+E". */
export function keyShortcuts(accelerator: string): string {
  const named = (mod: string) => accelerator.replace(/CmdOrCtrl/, mod);
  return accelerator.includes('CmdOrCtrl') ? `${named('Control')} ${named('Meta')}` : accelerator;
}
