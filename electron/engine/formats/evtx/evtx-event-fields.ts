/**
 * Picks an event's fields out of the rendering as it streams by (no DOM): the renderer reports
 * each element, attribute and text once, and this keeps what the columns and `data` need —
 * `<System>` values, `<EventData>` Data/Binary items, `<UserData>` leaves flattened to named
 * fields (`Parent.Child`, attributes as `Field@attr`), and `<RenderingInfo>` (forwarded events).
 */

/** What the renderer reports while it writes a record's XML. */
export interface XmlEventSink {
  open(name: string): void;
  attribute(name: string, value: string): void;
  text(value: string): void;
  close(): void;
}

const SECTION_NONE = 0;
const SECTION_SYSTEM = 1;
const SECTION_EVENT_DATA = 2;
const SECTION_USER_DATA = 3;
const SECTION_RENDERING = 4;

/** One open element at depth ≥ 3; frames are reused between records to spare allocations. */
interface Frame {
  tag: string;
  /** The `Name` attribute (EventData `<Data Name=…>`, and UserData items that have one). */
  nameAttribute: string;
  text: string;
  hasChildElement: boolean;
  /** Other attributes of payload elements, as name, value, name, value… (the first `attributeCount`). */
  attributes: string[];
  attributeCount: number;
}

function newFrame(): Frame {
  return { tag: '', nameAttribute: '', text: '', hasChildElement: false, attributes: [], attributeCount: 0 };
}

function sectionOf(name: string): number {
  switch (name) {
    case 'System':
      return SECTION_SYSTEM;
    case 'EventData':
    // Events Windows could not render keep their payload here: shown the same way.
    case 'ProcessingErrorData':
    case 'DebugData':
      return SECTION_EVENT_DATA;
    case 'UserData':
      return SECTION_USER_DATA;
    case 'RenderingInfo':
      return SECTION_RENDERING;
    default:
      return SECTION_NONE;
  }
}

/** Collects the fields of one record; call reset() before reusing it for the next. */
export class EventFieldCollector implements XmlEventSink {
  provider: string | null = null;
  eventSourceName: string | null = null;
  eventId: string | null = null;
  qualifiers: string | null = null;
  version: string | null = null;
  level: string | null = null;
  task: string | null = null;
  opcode: string | null = null;
  keywords: string | null = null;
  systemTime: string | null = null;
  recordId: string | null = null;
  processId: string | null = null;
  threadId: string | null = null;
  channel: string | null = null;
  computer: string | null = null;
  userId: string | null = null;
  renderedMessage: string | null = null;
  renderedLevel: string | null = null;
  renderedTask: string | null = null;
  renderedProvider: string | null = null;
  renderedChannel: string | null = null;
  renderedKeywords: string[] = [];
  /**
   * `<EventData>`/`<UserData>` values in order (the insertion strings) and their names (undefined
   * for a positional `<Data>`); kept as two arrays, not objects, to spare allocations.
   */
  payloadNames: (string | undefined)[] = [];
  payloadValues: string[] = [];
  /** What message templates number %1, %2…: the element values, without attribute fields. */
  insertionStrings: string[] = [];
  /** `<Binary>`: a hex dump, kept as a field but not an insertion string. */
  binary: string | null = null;

  private depth = 0;
  private section = SECTION_NONE;
  private readonly frames: Frame[] = [];

  reset(): void {
    this.provider = this.eventSourceName = this.eventId = this.qualifiers = this.version = this.level = null;
    this.task = this.opcode = this.keywords = this.systemTime = this.recordId = this.processId = null;
    this.threadId = this.channel = this.computer = this.userId = null;
    this.renderedMessage = this.renderedLevel = this.renderedTask = this.renderedProvider = this.renderedChannel = null;
    this.renderedKeywords = [];
    this.payloadNames = [];
    this.payloadValues = [];
    this.insertionStrings = [];
    this.binary = null;
    this.depth = 0;
    this.section = SECTION_NONE;
  }

  open(name: string): void {
    const depth = ++this.depth;
    if (depth === 2) this.section = sectionOf(name);
    if (depth < 3 || this.section === SECTION_NONE) return;
    if (depth > 3) (this.frames[depth - 1] as Frame).hasChildElement = true;
    let frame = this.frames[depth];
    if (!frame) this.frames[depth] = frame = newFrame();
    frame.tag = name;
    frame.nameAttribute = '';
    frame.text = '';
    frame.hasChildElement = false;
    frame.attributeCount = 0;
  }

  attribute(name: string, value: string): void {
    const depth = this.depth;
    if (depth < 3 || this.section === SECTION_NONE) return;
    const frame = this.frames[depth] as Frame;
    if (this.section === SECTION_SYSTEM) {
      if (depth === 3) this.systemAttribute(frame.tag, name, value);
    } else if (this.section !== SECTION_RENDERING) {
      if (name === 'Name') frame.nameAttribute = value;
      else if (!name.startsWith('xmlns')) {
        frame.attributes[frame.attributeCount++] = name;
        frame.attributes[frame.attributeCount++] = value;
      }
    }
  }

  text(value: string): void {
    if (this.depth >= 3 && this.section !== SECTION_NONE) (this.frames[this.depth] as Frame).text += value;
  }

  close(): void {
    const depth = this.depth--;
    if (depth < 3 || this.section === SECTION_NONE) {
      if (depth === 2) this.section = SECTION_NONE;
      return;
    }
    const frame = this.frames[depth] as Frame;
    // An element's text includes its descendants' (as XML's text content does).
    if (depth > 3) (this.frames[depth - 1] as Frame).text += frame.text;
    switch (this.section) {
      case SECTION_SYSTEM:
        if (depth === 3) this.systemText(frame.tag, frame.text);
        break;
      case SECTION_EVENT_DATA:
        this.eventDataClose(frame, depth);
        break;
      case SECTION_USER_DATA:
        // Depth 3 is the provider's wrapper element (<LogFileCleared xmlns=…>): its leaves are the fields.
        if (depth > 3 && !frame.hasChildElement) this.leaf(frame, depth, 4);
        break;
      case SECTION_RENDERING:
        if (depth === 3) this.renderingText(frame.tag, frame.text);
        else if (depth === 4 && frame.tag === 'Keyword' && (this.frames[3] as Frame).tag === 'Keywords') this.renderedKeywords.push(frame.text);
        break;
    }
  }

  private eventDataClose(frame: Frame, depth: number): void {
    if (depth === 3) {
      if (frame.tag === 'Data') this.field(frame.nameAttribute || undefined, frame.text);
      else if (frame.tag === 'Binary') this.binary = frame.text.trim();
      else if (!frame.hasChildElement) this.leaf(frame, depth, 3);
      return;
    }
    // Below a <Data>, the text already went into the Data value; elsewhere, flatten the leaves.
    if ((this.frames[3] as Frame).tag !== 'Data' && !frame.hasChildElement) this.leaf(frame, depth, 3);
  }

  /** Adds a leaf as a named field, its name prefixed by its ancestors' from depth `base` on. */
  private leaf(frame: Frame, depth: number, base: number): void {
    let name = frame.nameAttribute || frame.tag;
    for (let d = depth - 1; d >= base; d--) {
      const parent = this.frames[d] as Frame;
      name = `${parent.nameAttribute || parent.tag}.${name}`;
    }
    this.field(name, frame.text);
    const attributes = frame.attributes;
    for (let i = 0; i + 1 < frame.attributeCount; i += 2) this.field(`${name}@${attributes[i] as string}`, attributes[i + 1] as string, false);
  }

  private field(name: string | undefined, value: string, insertion = true): void {
    this.payloadNames.push(name);
    this.payloadValues.push(value);
    if (insertion) this.insertionStrings.push(value);
  }

  private systemAttribute(tag: string, name: string, value: string): void {
    switch (tag) {
      case 'Provider':
        if (name === 'Name') this.provider = value;
        else if (name === 'EventSourceName') this.eventSourceName = value;
        break;
      case 'EventID':
        if (name === 'Qualifiers') this.qualifiers = value;
        break;
      case 'TimeCreated':
        if (name === 'SystemTime') this.systemTime = value;
        break;
      case 'Execution':
        if (name === 'ProcessID') this.processId = value;
        else if (name === 'ThreadID') this.threadId = value;
        break;
      case 'Security':
        if (name === 'UserID') this.userId = value;
        break;
    }
  }

  private systemText(tag: string, text: string): void {
    switch (tag) {
      case 'EventID':
        this.eventId = text;
        break;
      case 'Version':
        this.version = text;
        break;
      case 'Level':
        this.level = text;
        break;
      case 'Task':
        this.task = text;
        break;
      case 'Opcode':
        this.opcode = text;
        break;
      case 'Keywords':
        this.keywords = text;
        break;
      case 'EventRecordID':
        this.recordId = text;
        break;
      case 'Channel':
        this.channel = text;
        break;
      case 'Computer':
        this.computer = text;
        break;
    }
  }

  private renderingText(tag: string, text: string): void {
    switch (tag) {
      case 'Message':
        this.renderedMessage = text;
        break;
      case 'Level':
        this.renderedLevel = text;
        break;
      case 'Task':
        this.renderedTask = text;
        break;
      case 'Provider':
        this.renderedProvider = text;
        break;
      case 'Channel':
        this.renderedChannel = text;
        break;
    }
  }
}
