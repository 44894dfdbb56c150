// Carries the API over IPC: one ipcMain.handle per channel of src/shared/api.ts and nothing else.
// A call is answered only when it comes from our renderer's page; its payload goes to the API,
// which validates it. Each window is its own client: its newer preview replaces its older one,
// and a window closed while a paper is made for it stops that paper.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, ipcChannel, type ApiResponse, type Channel } from '../shared/api';

export interface ApiHandler {
  handle(channel: Channel, payload: unknown, context?: { client?: string; signal?: AbortSignal }): Promise<ApiResponse<Channel>>;
}

const refused: ApiResponse<Channel> = {
  ok: false,
  problems: [{ severity: 'error', file: '', message: "refused: the request did not come from briefwright's own page" }],
};

export function registerApi(api: ApiHandler, isOurPage: (url: string) => boolean): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannel(channel), async (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      // Only the top frame of our page; never a frame it embeds, never another page.
      if (!frame || frame.parent !== null || !isOurPage(frame.url)) return refused;
      const sender = event.sender;
      const gone = new AbortController();
      const abort = () => gone.abort();
      sender.once('destroyed', abort);
      try {
        return await api.handle(channel, payload, { client: `window-${sender.id}`, signal: gone.signal });
      } finally {
        sender.off('destroyed', abort);
      }
    });
  }
}
