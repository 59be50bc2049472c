import type { ProjectType, TemplateTask } from '../contract.js';

export interface BuiltInTemplate {
  key: string;
  name: string;
  description: string;
  projectType: ProjectType;
  tasks: TemplateTask[];
}

const task = (
  t: Partial<TemplateTask> & Pick<TemplateTask, 'key' | 'title' | 'durationDays'>,
): TemplateTask => ({
  description: '',
  dependsOn: [],
  lagDays: 0,
  assigneeRole: 'owner',
  priority: 'medium',
  documentCategory: null,
  ...t,
});

/**
 * The four property workflows with German practice built in. Durations and lags are working
 * estimates in calendar days an office adjusts in its own copy; legal periods are not estimates.
 */
export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [
  {
    key: 'akquise',
    name: 'Akquise',
    description: 'Vom Eigentümer-Lead bis zum Vermarktungsstart.',
    projectType: 'acquisition',
    tasks: [
      task({
        key: 'lead',
        title: 'Lead qualifizieren',
        durationDays: 2,
        description: 'Eigentümer anrufen, Objekt und Verkaufsmotiv klären.',
      }),
      task({
        key: 'ersttermin',
        title: 'Ersttermin vor Ort',
        durationDays: 1,
        dependsOn: ['lead'],
        lagDays: 2,
      }),
      task({
        key: 'bewertung',
        title: 'Bewertung erstellen',
        durationDays: 5,
        dependsOn: ['ersttermin'],
        description: 'Vergleichswert aus der Marktanalyse, Unterlagen für die Preisempfehlung.',
      }),
      task({
        key: 'maklervertrag',
        title: 'Maklervertrag (Alleinauftrag) abschließen',
        durationDays: 3,
        dependsOn: ['bewertung'],
        priority: 'high',
        description:
          'Qualifizierter Alleinauftrag, Laufzeit in der Regel 6 Monate. Bei Wohnungen und Einfamilienhäusern bedarf der Vertrag der Textform (§ 656a BGB); Widerrufsbelehrung für Verbraucher.',
      }),
      task({
        key: 'vermarktungsstart',
        title: 'Vermarktungsstart',
        durationDays: 1,
        dependsOn: ['maklervertrag'],
      }),
    ],
  },
  {
    key: 'vermarktung',
    name: 'Vermarktung',
    description: 'Von den Fotos bis zu Portalen und Social Media.',
    projectType: 'marketing',
    tasks: [
      task({ key: 'fotos', title: 'Fotos anfertigen', durationDays: 3 }),
      task({ key: 'grundriss', title: 'Grundriss und 3D-Rundgang', durationDays: 2, dependsOn: ['fotos'] }),
      task({ key: 'expose', title: 'Exposé-Text schreiben', durationDays: 2, dependsOn: ['fotos'] }),
      task({
        key: 'energieausweis',
        title: 'Energieausweis prüfen (GEG § 87)',
        durationDays: 1,
        priority: 'high',
        description:
          'Pflichtangaben für Immobilienanzeigen nach § 87 GEG: Art des Ausweises, Energiekennwert, Energieträger, Baujahr, Effizienzklasse.',
        documentCategory: 'energieausweis',
      }),
      task({
        key: 'portale',
        title: 'Auf Portalen veröffentlichen',
        durationDays: 1,
        dependsOn: ['expose', 'grundriss', 'energieausweis'],
      }),
      task({
        key: 'social',
        title: 'Social-Media-Beiträge planen',
        durationDays: 1,
        dependsOn: ['portale'],
        assigneeRole: 'assistant',
      }),
    ],
  },
  {
    key: 'dokumentation',
    name: 'Dokumentation',
    description:
      'Die Unterlagen, die Käufer und Notar brauchen; jede Aufgabe erledigt sich, sobald das Dokument abgelegt ist.',
    projectType: 'documentation',
    tasks: [
      task({
        key: 'grundbuch',
        title: 'Grundbuchauszug anfordern',
        durationDays: 7,
        assigneeRole: 'assistant',
        documentCategory: 'grundbuchauszug',
      }),
      task({
        key: 'flurkarte',
        title: 'Flurkarte besorgen',
        durationDays: 7,
        assigneeRole: 'assistant',
        documentCategory: 'flurkarte',
      }),
      task({
        key: 'teilungserklaerung',
        title: 'Teilungserklärung anfordern',
        durationDays: 10,
        assigneeRole: 'assistant',
        documentCategory: 'teilungserklaerung',
      }),
      task({
        key: 'energieausweis',
        title: 'Energieausweis vorliegen',
        durationDays: 10,
        priority: 'high',
        documentCategory: 'energieausweis',
      }),
      task({
        key: 'baubeschreibung',
        title: 'Baubeschreibung beschaffen',
        durationDays: 10,
        assigneeRole: 'assistant',
        documentCategory: 'baubeschreibung',
      }),
      task({
        key: 'weg',
        title: 'WEG-Protokolle der letzten drei Jahre',
        durationDays: 14,
        assigneeRole: 'assistant',
        description:
          'Protokolle der Eigentümerversammlungen und Beschlusssammlung bei der Hausverwaltung anfordern.',
        documentCategory: 'weg_protokoll',
      }),
    ],
  },
  {
    key: 'transaktion',
    name: 'Transaktion',
    description: 'Von der Reservierung bis zur Provisionsrechnung.',
    projectType: 'transaction',
    tasks: [
      task({ key: 'reservierung', title: 'Reservierung vereinbaren', durationDays: 1, priority: 'high' }),
      task({
        key: 'finanzierung',
        title: 'Finanzierungsbestätigung einholen',
        durationDays: 10,
        dependsOn: ['reservierung'],
      }),
      task({
        key: 'gwg',
        title: 'GwG-Identifizierung des Käufers',
        durationDays: 2,
        dependsOn: ['reservierung'],
        priority: 'high',
        description:
          'Identifizierung nach §§ 10–12 GwG mit Ausweisdokument, Aufzeichnung fünf Jahre aufbewahren (§ 8 GwG).',
      }),
      task({
        key: 'notarentwurf',
        title: 'Notarentwurf an den Käufer',
        durationDays: 1,
        dependsOn: ['finanzierung', 'gwg'],
        description:
          'Der Notar stellt Verbrauchern den beabsichtigten Text in der Regel zwei Wochen vor der Beurkundung zur Verfügung (§ 17 Abs. 2a BeurkG).',
      }),
      task({
        key: 'beurkundung',
        title: 'Beurkundung beim Notar',
        durationDays: 1,
        dependsOn: ['notarentwurf'],
        lagDays: 14,
        priority: 'urgent',
        description:
          'Frühestens 14 Tage nach Versand des Entwurfs an den Verbraucher (§ 17 Abs. 2a Satz 2 Nr. 2 BeurkG).',
      }),
      task({
        key: 'kaufpreis',
        title: 'Kaufpreiszahlung überwachen',
        durationDays: 14,
        dependsOn: ['beurkundung'],
        lagDays: 21,
        description: 'Nach Fälligkeitsmitteilung des Notars (Auflassungsvormerkung eingetragen).',
      }),
      task({
        key: 'uebergabe',
        title: 'Übergabe mit Protokoll',
        durationDays: 1,
        dependsOn: ['kaufpreis'],
        description: 'Zählerstände, Schlüssel, Mängel im Übergabeprotokoll festhalten.',
      }),
      task({
        key: 'provision',
        title: 'Provisionsrechnung stellen',
        durationDays: 1,
        dependsOn: ['beurkundung'],
        assigneeRole: 'assistant',
      }),
    ],
  },
];

export const builtInTemplate = (key: string) => BUILT_IN_TEMPLATES.find((t) => t.key === key);
