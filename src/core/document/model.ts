// The format-neutral Document: what a filled template means once its Markdown is parsed.
// Every writer (html, pdf, docx) takes only a Document; nothing here knows about facts,
// templates or any output format.

/** A place in the rendered Markdown (1-based), so errors can point back at the template. */
export interface Position {
  line: number;
  column: number;
}

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'code'; value: string }
  /** Links are kept as text plus their target; writers never fetch them. */
  | { type: 'link'; url: string; children: Inline[] }
  | { type: 'break' }
  /** A numbered citation: `note` is the 1-based number of an entry in `Document.notes`. */
  /**
   * A citation of note `note` (its source). `speaker`: who the cited fact quotes, where not the
   * source's author — a footnote says "Wang Yi, quoted in …"; a notes list names the source once.
   */
  | { type: 'cite'; note: number; speaker?: string };

export type Align = 'left' | 'center' | 'right' | null;

export interface TableCell {
  children: Inline[];
}

export interface KeyFigure {
  /** The figure as it prints, already formatted: "$41 billion", "2,388". */
  value: string;
  /** What it is and when: "Trade turnover, 2023". */
  label: Inline[];
}

export interface ChartPoint {
  /** Category label on the x axis: usually a period ("2018", "2015–2018"). */
  label: string;
  value: number;
  /** Forecasts, plans and claims are drawn differently from outcomes. */
  kind: 'outcome' | 'forecast' | 'plan' | 'claim' | 'context';
  /** The period is inferred from an estimated source date. */
  estimated: boolean;
  /**
   * Where the point falls in time, in years (2018.5 is mid-2018). When every point has one the
   * chart spaces them by time, so that a gap between periods shows as a gap.
   */
  at?: number;
  /** The value as its label prints it, with the source's qualifier and precision ("over 16"). */
  valueText?: string;
  /** Sources give other values for this period: the chart marks it, the caption says so. */
  conflict?: boolean;
}

export interface Chart {
  kind: 'bar' | 'line';
  title: string;
  /** Axis label for values, with the unit: "US$ billion". */
  valueLabel: string;
  /** Divides raw values for display (1e9 for "US$ billion"). */
  scale: number;
  points: ChartPoint[];
  /** Printed under the chart: "Sources: …", naming the documents its figures come from. */
  caption: string;
  /** The facts the chart draws: their documents are listed in Sources with the others cited. */
  facts?: string[];
  /** Alternative text for readers that cannot see the chart (DOCX alt text, HTML aria). */
  alt: string;
  /** A low chart, for layouts that must fit a page (the sector one-pager). */
  compact?: boolean;
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; children: Inline[]; position?: Position }
  | { type: 'paragraph'; children: Inline[]; position?: Position }
  | { type: 'list'; ordered: boolean; items: Block[][]; position?: Position }
  | { type: 'table'; align: Align[]; header: TableCell[]; rows: TableCell[][]; position?: Position }
  | { type: 'blockquote'; children: Block[]; position?: Position }
  /** A boxed aside ("Key messages", "Handling note"). */
  | { type: 'callout'; title: Inline[]; children: Block[]; position?: Position }
  /** The cover block at the head of a brief: a title, then field lines (Visit, Date, …). */
  | { type: 'cover'; children: Block[]; position?: Position }
  | { type: 'keyFigures'; items: KeyFigure[]; position?: Position }
  | { type: 'chart'; chart: Chart; position?: Position }
  | { type: 'pageBreak'; position?: Position }
  | { type: 'rule'; position?: Position }
  /** Where a table of contents goes (writers decide whether the document is long enough). */
  | { type: 'toc'; position?: Position }
  /** Where the Sources section goes: the list of every source the notes cite. */
  | { type: 'sources'; position?: Position };

/**
 * One numbered note: a source document, numbered in the order it is first cited. Every fact from
 * one document cites its one note, whoever the fact quotes (the citation carries that).
 */
export interface Note {
  number: number;
  /** Full reference: "Zhang Xiao, “China, Kazakhstan to enhance BRI cooperation”, April 2019 (date estimated)." */
  text: string;
  sourceId: string;
  /** The first fact cited with this note; absent when its source was first cited on its own. */
  factId?: string;
}

/** One entry of the Sources section. */
export interface SourceEntry {
  id: string;
  /** Full reference, as in the notes but without the fact. */
  text: string;
}

export interface PageSettings {
  size: 'A4' | 'LETTER';
  orientation: 'portrait' | 'landscape';
  /** Margins in millimetres. */
  margins: { top: number; right: number; bottom: number; left: number };
}

export interface DocumentMeta {
  title: string;
  subtitle?: string;
  author?: string;
  organisation?: string;
  subject?: string;
  keywords: string[];
  /** Handling marking printed in the header and footer: OFFICIAL, DRAFT, … */
  marking?: string;
  /** ISO 8601 timestamp the document was made. */
  created: string;
  language: string;
}

export interface Document {
  meta: DocumentMeta;
  page: PageSettings;
  blocks: Block[];
  notes: Note[];
  sources: SourceEntry[];
}
