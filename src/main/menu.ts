// The application menu: the usual roles (app, File, Edit, View, Window, Help), with File → New,
// Open, Save and Save As for briefs, and Export for each format the app offers
// (shared/formats.ts), sent to the page as menu actions (the page knows the current brief; its
// own dialogs do the rest, the same in the browser).
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { RECENT_BRIEF_SLOTS, type MenuAction } from '../shared/api';
import { APP_FORMATS, FORMATS, appOffer, exportMenuAction } from '../shared/formats';

export interface MenuHost {
  /** Sends a menu action to the window's page (if there is a window). */
  send(action: MenuAction): void;
  /** The folder of the user's templates and settings. */
  userFolder: string;
  /** Development builds keep the developer tools in the View menu. */
  development: boolean;
  /** The titles of the briefs recently opened or saved, most recent first. */
  recentBriefs?: string[];
}

export function menuTemplate(host: MenuHost, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'New Brief', accelerator: 'CmdOrCtrl+N', click: () => host.send('brief-new') },
        { label: 'Open Brief…', accelerator: 'CmdOrCtrl+O', click: () => host.send('brief-open') },
        {
          label: 'Open Recent Brief',
          enabled: (host.recentBriefs?.length ?? 0) > 0,
          submenu: (host.recentBriefs ?? []).slice(0, RECENT_BRIEF_SLOTS).map((title, index) => ({ label: title.replace(/&/g, '&&'), click: () => host.send(`brief-recent-${index}`) })),
        },
        // In the Templates view the page saves the template being edited instead.
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => host.send('brief-save') },
        { label: 'Save Brief As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => host.send('brief-save-as') },
        { type: 'separator' },
        ...APP_FORMATS.map(
          (format): MenuItemConstructorOptions => ({
            label: `Export ${FORMATS[format].label}…`,
            accelerator: appOffer(format).accelerator,
            click: () => host.send(exportMenuAction(format)),
          }),
        ),
        { type: 'separator' },
        { label: 'Show My Templates Folder', click: () => void shell.openPath(host.userFolder) },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        ...(host.development ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ role: 'about' }] },
  );
  return template;
}

export function installMenu(host: MenuHost): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(host)));
}

