// The API's channels for the user's settings (read field by field, checked before they are
// saved, and the workspace read again after), the list of recent exports, and opening one of
// those exports: only a file briefwright itself exported can be opened from the page.
import { COLOUR_ROLES, type ColourRole } from '../../core/workspace/house-style';
import { FONT_ROLES } from '../../core/workspace/font-style';
import { typefaceName } from '../../core/writers/docx/styles';
import { fontDataUrl } from '../../core/writers/html/fonts';
import { logoDataUrl } from '../../core/writers/logo';
import { shippedTypefaces, type TypeRole } from '../../core/writers/style';
import { referenceSummary } from '../../core/writers/docx/reference';
import { checkSettings, readRecent, writeSettings } from '../../platform/settings';
import type { HouseStyleView } from '../../shared/api';
import { Refusal, refuse, type ApiContext, type Handlers } from './context';

/** The largest house font Settings shows a sample of (the face travels to the page whole). */
const SAMPLE_MAX_BYTES = 2 * 1024 * 1024;

/** Opens an exported file, or shows it in its folder; resolves to whether that worked. */
export type OpenPath = (path: string, reveal: boolean) => Promise<boolean>;

export function settingsHandlers({ folder, settings, reload, loaded }: ApiContext, openPath: OpenPath | undefined) {
  return {
    async getSettings() {
      const { settings: current, problems } = await settings();
      return { ...current, userFolder: folder, ...(problems.length > 0 ? { problems } : {}) };
    },

    /** The house style in force: the style.yaml files of the workspace's layers, the colours they set, and the Word template the DOCX takes its styles from. */
    async houseStyle(): Promise<HouseStyleView> {
      const { style } = (await loaded()).workspace;
      const colours = Object.entries(style.colours).map(([role, colour]) => ({ role, colour: `#${colour}`, what: COLOUR_ROLES[role as ColourRole] }));
      const { organisation, logo, logoFile, markingPosition } = style.letterhead;
      const { reference, typefaces } = style.tokens;
      const fontsSet = typefaces !== shippedTypefaces;
      return {
        files: style.files,
        colours,
        ...(organisation ? { organisation } : {}),
        ...(logo ? { logo: { file: logoFile ?? '', placement: logo.placement, alt: logo.alt, picture: logoDataUrl(logo) } } : {}),
        ...(markingPosition ? { markingPosition } : {}),
        ...(reference ? { reference: { file: reference.file, ...referenceSummary(reference) } } : {}),
        ...(fontsSet
          ? {
              fonts: (Object.keys(FONT_ROLES) as TypeRole[]).map((role) => {
                const typeface = typefaces[role];
                if (!('house' in typeface)) return { role, name: typefaceName(typeface), what: FONT_ROLES[role] };
                const { file, faces } = typeface.house;
                return { role, name: typefaceName(typeface), file, what: FONT_ROLES[role], ...(faces.normal.byteLength <= SAMPLE_MAX_BYTES ? { sample: fontDataUrl(faces.normal) } : {}) };
              }),
              fallbacks: typefaces.fallbacks.map((f) => ({ script: f.script.toLowerCase(), name: f.font.name, file: f.font.file })),
            }
          : {}),
      };
    },

    async saveSettings(next) {
      const problems = await checkSettings(next);
      if (problems.length > 0) throw new Refusal(problems);
      await writeSettings(folder, next);
      reload({ settings: true });
      return { ...next, userFolder: folder };
    },

    async recentExports() {
      return readRecent(folder);
    },

    async openPath({ path, reveal }) {
      // Only what briefwright itself exported: a page must not be able to open any file on the machine.
      const recent = await readRecent(folder);
      if (!recent.some((r) => r.path === path)) refuse('only files briefwright exported can be opened from here');
      if (!openPath) return { opened: false };
      return { opened: await openPath(path, reveal ?? false) };
    },
  } satisfies Partial<Handlers>;
}
