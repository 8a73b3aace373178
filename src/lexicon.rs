//! The Danish words the parsers key on, read from `rules/lexicon.toml` (compiled in).
//! Each parser owns one table of the file; new phrasings go there, not into code.

use serde::Deserialize;
use std::sync::OnceLock;

pub const LEXICON_TOML: &str = include_str!("../rules/lexicon.toml");

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    #[serde(default)]
    pub header: HeaderWords,
    /// Words for the segmentation (owned by `segment`).
    #[serde(default)]
    pub segment: SegmentWords,
    #[serde(default)]
    pub sections: SectionWords,
    #[serde(default)]
    pub calendar: CalendarWords,
    #[serde(default)]
    pub attendance: AttendanceWords,
    /// Words for the signature sheet (owned by `parse::signatures`).
    #[serde(default)]
    pub signatures: SignatureWords,
    /// Words the `structure/*` rules key on.
    #[serde(default)]
    pub structure: StructureWords,
    /// Words for votes (owned by `parse::votes`).
    #[serde(default)]
    pub votes: VoteWords,
    /// Words for tables (owned by `parse::tables` and `rules::table`).
    #[serde(default)]
    pub tables: TableWords,
    /// Units and amount roles (owned by `parse::numbers` and `rules::amount`).
    #[serde(default)]
    pub numbers: NumberWords,
}

/// How tab-separated tables are laid out and named (owned by `parse::tables`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TableWords {
    /// Opening word of a caption line: "Tabel 1: …".
    pub caption: Vec<String>,
    /// First cell of a total row: "I alt", "Hovedtotal", …
    pub total_row: Vec<String>,
    /// Substrings of a note saying totals may not add up because of rounding.
    pub rounding_note: Vec<String>,
    /// Substrings of a header naming a difference column ("Afvigelse", "Egenfinansiering").
    pub difference_columns: Vec<String>,
    /// Whole headers of a sum column ("I alt").
    pub sum_columns: Vec<String>,
    /// Opening words of a header naming a part of the column before it ("Heraf …").
    pub part_columns: Vec<String>,
    /// Headers of a column of years ("År").
    pub year_columns: Vec<String>,
}

/// One unit of amounts: its canonical name, power of ten, and spellings.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct UnitWords {
    pub name: crate::model::Unit,
    pub scale: u32,
    pub spellings: Vec<String>,
}

/// Units and the words that give an amount its role (owned by `parse::numbers`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct NumberWords {
    pub units: Vec<UnitWords>,
    /// Units written before the number ("kr. 997.000").
    pub unit_before: Vec<String>,
    /// A number right after one of these is a reference ("§ 13"), not an amount.
    pub reference_before: Vec<String>,
    pub expense: Vec<String>,
    pub income: Vec<String>,
    pub own_financing: Vec<String>,
    /// "mindreforbrug på 14,9 mio. kr.": a figure from a difference column.
    pub deviation: Vec<String>,
    /// "i alt": the amount after it is a total.
    pub total: Vec<String>,
    /// "Fordelingen er": the amounts after it are the parts of the last total.
    pub breakdown: Vec<String>,
    /// `breakdown` as one automaton, built on first use (per lexicon).
    #[serde(skip)]
    pub breakdown_set: OnceLock<crate::fold::PhraseSet>,
    /// The role words (expense … total) as one automaton, built on first use.
    #[serde(skip)]
    pub role_set: OnceLock<crate::fold::PhraseSet>,
    /// Which bytes can start a unit's spelling, built on first use.
    #[serde(skip)]
    pub unit_first_bytes: OnceLock<crate::fold::FirstBytes>,
    /// The unit spellings by the first byte they can match, built on first use.
    #[serde(skip)]
    pub unit_spellings_by_first: OnceLock<Vec<Vec<(usize, usize)>>>,
    /// The reference words by the last byte they can end a text with, built on first use.
    #[serde(skip)]
    pub references_by_last: OnceLock<Vec<Vec<usize>>>,
}

impl NumberWords {
    /// The role words (expense, income, own financing, deviation, total) searched together.
    pub fn roles(&self) -> &crate::fold::PhraseSet {
        self.role_set.get_or_init(|| {
            let lists = [
                &self.deviation,
                &self.total,
                &self.own_financing,
                &self.income,
                &self.expense,
            ];
            crate::fold::PhraseSet::new(lists.into_iter().flatten().map(String::as_str))
        })
    }

    /// The breakdown phrases ("fordelingen er", …) searched together.
    pub fn breakdowns(&self) -> &crate::fold::PhraseSet {
        self.breakdown_set
            .get_or_init(|| crate::fold::PhraseSet::new(self.breakdown.iter().map(String::as_str)))
    }

    /// Can a unit's spelling start `text`? Most places a unit is looked for start with
    /// another letter, and trying every spelling there was most of the time spent reading
    /// table headers.
    pub fn may_start_unit(&self, text: &str) -> bool {
        self.unit_first_bytes
            .get_or_init(|| {
                crate::fold::FirstBytes::new(
                    self.units
                        .iter()
                        .flat_map(|u| &u.spellings)
                        .map(String::as_str),
                )
            })
            .may_start(text)
    }

    /// The spellings (unit index, spelling index, in lexicon order) that may match a text
    /// starting with `first`: those starting with the same ASCII letter in either case, and
    /// those starting with a non-ASCII letter; every spelling for a text starting with a
    /// non-ASCII byte (case folding may take it to an ASCII letter). A number followed by a
    /// unit letter ("5 mio. kr.") compared all thirty spellings; now three or four.
    pub fn unit_spellings(&self, first: u8) -> &[(usize, usize)] {
        let buckets = self.unit_spellings_by_first.get_or_init(|| {
            let mut buckets = vec![Vec::new(); 129];
            for (u, unit) in self.units.iter().enumerate() {
                for (k, spelling) in unit.spellings.iter().enumerate() {
                    buckets[128].push((u, k));
                    match spelling.as_bytes().first() {
                        Some(b) if b.is_ascii() => {
                            buckets[usize::from(b.to_ascii_lowercase())].push((u, k))
                        }
                        Some(_) => buckets[..128].iter_mut().for_each(|b| b.push((u, k))),
                        None => {}
                    }
                }
            }
            buckets
        });
        if first.is_ascii() {
            &buckets[usize::from(first.to_ascii_lowercase())]
        } else {
            &buckets[128]
        }
    }

    /// The reference words ("stk.", "§", "kapitel") that may end `before`: those whose last
    /// letter, in either case, ends in the same byte (ASCII letters folded). Asked before
    /// every figure of running text; most are preceded by a word that ends in another letter.
    pub fn references_ending(&self, before: &str) -> impl Iterator<Item = &str> {
        let buckets = self.references_by_last.get_or_init(|| {
            let mut buckets = vec![Vec::new(); 256];
            for (k, w) in self.reference_before.iter().enumerate() {
                let Some(c) = w.chars().next_back() else {
                    continue;
                };
                // A letter whose other case is ASCII (the Kelvin sign) can end a text in
                // that ASCII letter.
                for c in std::iter::once(c)
                    .chain(c.to_lowercase())
                    .chain(c.to_uppercase())
                {
                    let mut buf = [0; 4];
                    let last = c.encode_utf8(&mut buf).as_bytes()[c.len_utf8() - 1];
                    let bucket = &mut buckets[usize::from(last.to_ascii_lowercase())];
                    if !bucket.contains(&k) {
                        bucket.push(k);
                    }
                }
            }
            buckets
        });
        let ids = before
            .as_bytes()
            .last()
            .map_or(&[][..], |b| &buckets[usize::from(b.to_ascii_lowercase())]);
        ids.iter().map(|&k| self.reference_before[k].as_str())
    }

    /// The unit with this canonical name.
    pub fn unit(&self, name: &str) -> Option<&UnitWords> {
        self.units.iter().find(|u| &*u.name == name)
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct HeaderWords {
    /// First word of the title line: "REFERAT", "BESLUTNINGSPROTOKOL", …
    pub document_kinds: Vec<String>,
    pub meeting_date: Vec<String>,
    pub meeting_place: Vec<String>,
    /// "Udvalg:" on web pages, naming the body.
    pub body_label: Vec<String>,
    /// How a body's name ends ("Økonomiudvalget", "Regionsrådet", "Kommunalbestyrelsen"):
    /// a header line that is only such a name, or the part of a title line before the
    /// document kind ("Økonomiudvalget – Referat – 16. februar 2026"), names the body.
    pub body_endings: Vec<String>,
    pub participants: Vec<String>,
    pub toc: Vec<String>,
    /// Headings that group TOC entries: "Åben dagsorden", "Lukket dagsorden".
    pub toc_groups: Vec<String>,
    /// "Punkt" in "Punkt 3: …".
    pub item: Vec<String>,
    /// "Lukket" (closed item).
    pub closed: Vec<String>,
    /// "Åben"/"Lukket" as a word of its own.
    pub open_closed: Vec<String>,
    /// "Afbud" in "Emil Viskum (Afbud)".
    pub afbud_marker: Vec<String>,
    /// "Uden for parti" and similar party designations that are not letters.
    pub non_party: Vec<String>,
    /// Party abbreviations of more than one letter.
    pub party_letters: Vec<String>,
    pub absent_afbud: Vec<String>,
    pub absent: Vec<String>,
    pub substitutes: Vec<String>,
    pub remarks: Vec<String>,
    pub officials: Vec<String>,
    pub other_fields: Vec<String>,
    /// A participant table's column headers.
    pub table_name: Vec<String>,
    pub table_party: Vec<String>,
    pub table_status: Vec<String>,
    /// A value that says "nobody" ("Afbud: Ingen.").
    pub nobody: Vec<String>,
    pub member_titles: Vec<String>,
    pub official_titles: Vec<String>,
    /// Words of a place, never of a person's name.
    pub place_words: Vec<String>,
    /// Endings of words that name an organisation ("…foreningen", "Kommune").
    pub organisation_endings: Vec<String>,
    /// "Y stedfortræder" after the substitute; "stedfortræder Y" before.
    pub stand_in_after: Vec<String>,
    pub stand_in_before: Vec<String>,
    /// "Der var afbud fra X og Y." in the header.
    pub afbud_sentence: Vec<String>,
    /// "Alle medlemmer undtagen X": the members away.
    pub all_members_except: Vec<String>,
    /// Every label above in one automaton, built on first use.
    #[serde(skip)]
    pub label_set: OnceLock<crate::segment::labels::LabelSet>,
    /// `stand_in_before` and `stand_in_after` in one automaton: most entries hold neither.
    #[serde(skip)]
    pub stand_in_set: OnceLock<aho_corasick::AhoCorasick>,
}

/// Words the segmentation keys on (owned by `segment`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SegmentWords {
    /// Lines that separate items ("Til toppen").
    pub separators: Vec<String>,
    /// The words an item heading can start with ("Punkt", "Pkt", "Nr", "Sag", "åbent").
    pub heading_words: Vec<String>,
    /// Openers of a case-number line ("Sagsnr.:").
    pub case_labels: Vec<String>,
    /// Web-page furniture between a single item's title and its first section.
    pub ui_lines: Vec<String>,
    /// Words no item title starts with ("At …" of an Indstilling).
    pub not_title_starts: Vec<String>,
    /// What the heading words start with, built on first use: most lines start with none.
    #[serde(skip)]
    pub heading_first: OnceLock<crate::fold::FirstBytes>,
    /// What the case labels start with, built on first use.
    #[serde(skip)]
    pub case_label_first: OnceLock<crate::fold::FirstBytes>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SectionWords {
    pub baggrund: Vec<String>,
    pub resume: Vec<String>,
    pub indstilling: Vec<String>,
    pub beslutning: Vec<String>,
    pub sagsfremstilling: Vec<String>,
    pub sagens_indhold: Vec<String>,
    pub okonomi: Vec<String>,
    pub bilag: Vec<String>,
    /// Other headings that start a section (kept as `Other`).
    pub other: Vec<String>,
    /// The word between body and date in "Beslutning <udvalg> den 15-04-2026".
    pub decision_date_joiner: Vec<String>,
    /// What the heading words can start with, built on first use.
    #[serde(skip)]
    pub first_bytes: OnceLock<crate::fold::FirstBytes>,
    /// The byte length of the longest heading, worked out on first use.
    #[serde(skip)]
    pub longest: OnceLock<usize>,
}

impl SectionWords {
    /// Every list of headings that make up a whole line, with the kind of section each starts.
    pub fn headings(&self) -> [(&Vec<String>, crate::model::SectionKind); 9] {
        use crate::model::SectionKind;
        [
            (&self.baggrund, SectionKind::Baggrund),
            (&self.resume, SectionKind::Resume),
            (&self.indstilling, SectionKind::Indstilling),
            (&self.beslutning, SectionKind::Beslutning),
            (&self.sagsfremstilling, SectionKind::Sagsfremstilling),
            (&self.sagens_indhold, SectionKind::SagensIndhold),
            (&self.okonomi, SectionKind::Okonomi),
            (&self.bilag, SectionKind::Bilag),
            (&self.other, SectionKind::Other),
        ]
    }

    /// Every whole-line heading of every kind.
    fn heading_words(&self) -> impl Iterator<Item = &str> {
        self.headings()
            .into_iter()
            .flat_map(|(words, _)| words)
            .map(String::as_str)
    }

    /// Is `t` too long to be one of the headings? Prose lines are.
    pub fn longer_than_any_heading(&self, t: &str) -> bool {
        let longest = self
            .longest
            .get_or_init(|| self.heading_words().map(str::len).max().unwrap_or(0));
        t.len() > *longest
    }

    /// May a heading start the (trimmed) line `t`? Most lines start with another letter.
    pub fn may_start_heading(&self, t: &str) -> bool {
        self.first_bytes
            .get_or_init(|| crate::fold::FirstBytes::new(self.heading_words()))
            .may_start(t)
    }
}

/// Per-item attendance phrasing (owned by `parse::attendance`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AttendanceWords {
    /// Line openers followed by the names of members with afbud: "Afbud Emil Viskum".
    pub afbud: Vec<String>,
    /// Line openers followed by absent members: "Fraværende Henrik Torning", "Fraværende:".
    pub absent: Vec<String>,
    /// Line openers followed by members present for part of the item.
    pub partial: Vec<String>,
    /// Line openers followed by substitutes: "Stedfortræder: X".
    pub substitute_openers: Vec<String>,
    /// The last word of a list entry that stood in for the entry before it ("X, Y indkaldt").
    pub stand_in_verbs: Vec<String>,
    /// What starts a reason after a name in an absence list ("pga. arbejde").
    pub reasons: Vec<String>,
    /// "X deltog i stedet for Y".
    pub substitute: Vec<String>,
    /// "I stedet for Y deltog X".
    pub substitute_reversed: Vec<String>,
    /// "X havde meldt afbud, og Y deltog i stedet."
    pub substitute_after_absence: Vec<String>,
    /// Sentence endings after the names: "X deltog ikke i sagens behandling."
    pub not_participating: Vec<String>,
    /// "X forlod mødet …"
    pub left: Vec<String>,
    /// "X ankom til mødet kl. 17.32 …"
    pub arrived: Vec<String>,
    /// "X erklærede sig inhabil …"
    pub inhabil: Vec<String>,
    /// "X var forhindret i at deltage" (an absence recorded in prose).
    pub prevented: Vec<String>,
    /// Phrases before the names of members with afbud: "Der er afbud fra X".
    pub afbud_before: Vec<String>,
    /// Phrases before the names of absent members: "Medlemmerne var mødt, bortset fra X".
    pub absent_before: Vec<String>,
    /// Titles in front of a name that are not part of it: "Rådmand Nicolaj Bang".
    pub titles: Vec<String>,
    /// How a committee's name ends ("Økonomiudvalget"): its statements quoted in an item
    /// carry their own absences.
    pub body_endings: Vec<String>,
    /// The nouns before the item numbers an attendance sentence names ("punkt 8").
    #[serde(default)]
    pub item_nouns: Vec<String>,
    /// Words that put the named items after the presence ("forlod mødet efter punkt 8").
    #[serde(default)]
    pub items_after: Vec<String>,
    /// Words that put them before it ("forlod mødet inden behandlingen af punkt 18").
    #[serde(default)]
    pub items_before: Vec<String>,
    /// Labels that name the body of a step of the case's history: "Udvalg: Magistraten".
    #[serde(default)]
    pub step_body_labels: Vec<String>,
    /// Every prose phrase above as one automaton, built on first use (per lexicon).
    #[serde(skip)]
    pub prose_automaton: std::sync::OnceLock<aho_corasick::AhoCorasick>,
    /// The prose phrases' anchor words (a fast first look), built on first use.
    #[serde(skip)]
    pub prose_anchors: std::sync::OnceLock<crate::fold::Anchors>,
    /// The line openers as one anchored automaton, built on first use.
    #[serde(skip)]
    pub opener_automaton: std::sync::OnceLock<crate::fold::LinePrefixes>,
}

/// The signature sheet (owned by `parse::signatures`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SignatureWords {
    /// "Underskriftsark", "Underskriftsside", "Godkendelsesark".
    pub headings: Vec<String>,
    /// Heading of the names column: "Bruger".
    pub name_column: Vec<String>,
    /// Heading of the status column: "Status".
    pub status_column: Vec<String>,
    /// Heading of the date column: "Dato for godkendelse".
    pub date_column: Vec<String>,
    /// Statuses meaning the member approved: "Godkendt".
    pub approved: Vec<String>,
}

impl SignatureWords {
    pub fn is_approved(&self, status: &str) -> bool {
        let s = status.trim().trim_end_matches('.');
        self.approved
            .iter()
            .any(|w| w.eq_ignore_ascii_case(s) || w.to_lowercase() == s.to_lowercase())
    }
}

/// Words the `structure/*` rules key on.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct StructureWords {
    /// Document kinds that carry no decisions ("DAGSORDEN").
    pub agenda_kinds: Vec<String>,
    /// Item titles that need no decision ("Meddelelser", "Eventuelt").
    pub no_decision_titles: Vec<String>,
    /// Section headings that make an item a communication ("Meddelelse").
    pub no_decision_sections: Vec<String>,
}

/// Vote phrasing (owned by `parse::votes`). See the comments in `rules/lexicon.toml`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct VoteWords {
    pub for_before: Vec<String>,
    pub against_before: Vec<String>,
    pub abstain_before: Vec<String>,
    pub for_after: Vec<String>,
    pub against_after: Vec<String>,
    pub abstain_after: Vec<String>,
    /// Written after a group that names its members, never after a bare count or a body.
    pub for_after_named: Vec<String>,
    /// Written before a group that names its members.
    pub for_before_named: Vec<String>,
    pub for_after_count: Vec<String>,
    pub against_after_count: Vec<String>,
    pub abstain_after_count: Vec<String>,
    pub for_before_count: Vec<String>,
    pub against_before_count: Vec<String>,
    pub abstain_before_count: Vec<String>,
    pub for_against: Vec<String>,
    pub for_motion: Vec<String>,
    pub against_motion: Vec<String>,
    pub motion_vote_verb: Vec<String>,
    pub reservation: Vec<String>,
    pub protocol: Vec<String>,
    /// "kunne ikke tiltræde": a position, not a vote against.
    pub dissent: Vec<String>,
    /// "godkendt uden afstemning": a decision taken without a vote.
    pub no_vote: Vec<String>,
    /// Sentences that name a vote without recording one ("Der blev stemt om forslaget:").
    pub procedural: Vec<String>,
    pub unanimous: Vec<String>,
    pub all_members: Vec<String>,
    pub majority: Vec<String>,
    pub count_nouns: Vec<String>,
    /// "10 medlemmer af A": the word between a count and its party.
    pub count_of: Vec<String>,
    /// Number words; the index is the value.
    pub number_words: Vec<Vec<String>>,
    pub adopted: Vec<String>,
    pub rejected: Vec<String>,
    pub cues: Vec<String>,
    pub abbreviations: Vec<String>,
    pub party_names: Vec<String>,
    /// Party names by their list letter: the letter first, then the names (lower case).
    pub party_letters: Vec<Vec<String>>,
    /// Endings of a local list's name: "Rebildlisten", "Den Sociale Fællesliste".
    pub party_name_endings: Vec<String>,
    /// "Liste B": a word before a party letter.
    pub party_letter_words: Vec<String>,
    pub party_group_words: Vec<String>,
    /// "Social og Sundhed, 6. januar 2020, pkt. 123:": the reference ending a line that heads
    /// another body's decision quoted in the item.
    pub quoted_decision_refs: Vec<String>,
    /// The phrases the vote parser searches sentences for, as one automaton, built on first
    /// use (per lexicon).
    #[serde(skip)]
    pub phrase_set: OnceLock<crate::fold::PhraseSet>,
    /// The lists as ids into [`VoteWords::phrases`], built on first use.
    #[serde(skip)]
    pub phrase_ids: OnceLock<VoteIds>,
    #[serde(skip)]
    pub number_first_bytes: OnceLock<crate::fold::FirstBytes>,
    #[serde(skip)]
    pub party_first_bytes: OnceLock<crate::fold::FirstBytes>,
}

impl VoteWords {
    /// The value of a number word ("fem", "én"; any case).
    pub fn number_word(&self, word: &str) -> Option<u32> {
        // Every entry of every vote list is asked whether it is a number: most are turned
        // away by their first letter.
        let first = self.number_first_bytes.get_or_init(|| {
            crate::fold::FirstBytes::new(self.number_words.iter().flatten().map(String::as_str))
        });
        if !first.may_start(word) {
            return None;
        }
        self.number_words
            .iter()
            .position(|ws| ws.iter().any(|x| eq_fold(word, x)))
            .map(|i| i as u32)
    }

    /// Every phrase the vote parser looks for in a sentence.
    pub fn phrases(&self) -> &crate::fold::PhraseSet {
        self.phrase_set.get_or_init(|| {
            crate::fold::PhraseSet::new(
                VoteList::ALL
                    .iter()
                    .flat_map(|&l| self.list(l))
                    .map(String::as_str),
            )
        })
    }

    /// Does a (lower-case) list entry name a party or a party's group: "socialdemokratiet",
    /// "venstres byrådsgruppe"?
    pub fn names_party(&self, lower: &str) -> bool {
        // Asked of every entry of every candidate list: names are turned away by their first
        // letter, and without a space no entry ends in a group word.
        let first = self.party_first_bytes.get_or_init(|| {
            crate::fold::FirstBytes::new(
                self.party_names
                    .iter()
                    .chain(self.party_letters.iter().flat_map(|l| l.iter().skip(1)))
                    .map(String::as_str),
            )
        });
        (first.may_start(lower)
            && (self
                .party_names
                .iter()
                .any(|p| lower.starts_with(p.as_str()))
                || self.party_letter(lower).is_some()))
            || lower.rsplit(' ').next().is_some_and(|last| {
                self.party_name_endings
                    .iter()
                    .any(|e| last.ends_with(e.as_str()))
            })
            || (lower.contains(' ')
                && self.party_group_words.iter().any(|p| {
                    lower
                        .strip_suffix(p.as_str())
                        .is_some_and(|r| r.ends_with(' '))
                }))
    }

    /// The list letter of a party written out (lower case): "socialistisk folkeparti" and
    /// "socialistisk folkepartis byrådsgruppe" → "F". The longest name written wins:
    /// "radikale venstre" is B, "venstre" V.
    pub fn party_letter(&self, lower: &str) -> Option<&str> {
        self.party_letters
            .iter()
            .filter_map(|l| {
                let (letter, names) = l.split_first()?;
                let longest = names
                    .iter()
                    .filter(|n| lower.starts_with(n.as_str()))
                    .map(String::len)
                    .max()?;
                Some((longest, letter.as_str()))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, letter)| letter)
    }

    /// The lists searched sentence by sentence, as ids into [`VoteWords::phrases`].
    pub fn ids(&self) -> &VoteIds {
        self.phrase_ids.get_or_init(|| {
            let set = self.phrases();
            let lists = VoteList::ALL.map(|l| set.ids(self.list(l)));
            let mut member = vec![0u32; set.phrases().count()];
            for (l, ids) in VoteList::ALL.iter().zip(&lists) {
                for &id in ids {
                    member[id as usize] |= l.bit();
                }
            }
            VoteIds { lists, member }
        })
    }

    fn list(&self, l: VoteList) -> &Vec<String> {
        match l {
            VoteList::Cues => &self.cues,
            VoteList::Unanimous => &self.unanimous,
            VoteList::AbstainBefore => &self.abstain_before,
            VoteList::ForBefore => &self.for_before,
            VoteList::AgainstBefore => &self.against_before,
            VoteList::AbstainAfter => &self.abstain_after,
            VoteList::ForAfter => &self.for_after,
            VoteList::AgainstAfter => &self.against_after,
            VoteList::ForAfterNamed => &self.for_after_named,
            VoteList::ForBeforeNamed => &self.for_before_named,
            VoteList::ForBeforeCount => &self.for_before_count,
            VoteList::AgainstBeforeCount => &self.against_before_count,
            VoteList::AbstainBeforeCount => &self.abstain_before_count,
            VoteList::Dissent => &self.dissent,
            VoteList::NoVote => &self.no_vote,
            VoteList::Procedural => &self.procedural,
            VoteList::ForAfterCount => &self.for_after_count,
            VoteList::AgainstAfterCount => &self.against_after_count,
            VoteList::AbstainAfterCount => &self.abstain_after_count,
            VoteList::ForAgainst => &self.for_against,
            VoteList::Reservation => &self.reservation,
            VoteList::Protocol => &self.protocol,
            VoteList::ForMotion => &self.for_motion,
            VoteList::AgainstMotion => &self.against_motion,
            VoteList::Adopted => &self.adopted,
            VoteList::Rejected => &self.rejected,
        }
    }
}

/// The vote lists the parser looks up by phrase id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteList {
    Cues,
    Unanimous,
    AbstainBefore,
    ForBefore,
    AgainstBefore,
    AbstainAfter,
    ForAfter,
    AgainstAfter,
    ForAfterNamed,
    ForBeforeNamed,
    ForAfterCount,
    AgainstAfterCount,
    AbstainAfterCount,
    ForBeforeCount,
    AgainstBeforeCount,
    AbstainBeforeCount,
    ForAgainst,
    Reservation,
    Protocol,
    Dissent,
    NoVote,
    Procedural,
    ForMotion,
    AgainstMotion,
    Adopted,
    Rejected,
}

impl VoteList {
    const ALL: [VoteList; 26] = [
        VoteList::Cues,
        VoteList::Unanimous,
        VoteList::AbstainBefore,
        VoteList::ForBefore,
        VoteList::AgainstBefore,
        VoteList::AbstainAfter,
        VoteList::ForAfter,
        VoteList::AgainstAfter,
        VoteList::ForAfterNamed,
        VoteList::ForBeforeNamed,
        VoteList::ForAfterCount,
        VoteList::AgainstAfterCount,
        VoteList::AbstainAfterCount,
        VoteList::ForBeforeCount,
        VoteList::AgainstBeforeCount,
        VoteList::AbstainBeforeCount,
        VoteList::ForAgainst,
        VoteList::Reservation,
        VoteList::Protocol,
        VoteList::Dissent,
        VoteList::NoVote,
        VoteList::Procedural,
        VoteList::ForMotion,
        VoteList::AgainstMotion,
        VoteList::Adopted,
        VoteList::Rejected,
    ];

    /// This list's bit in [`VoteIds::mask`].
    pub fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// The vote lists as ids into [`VoteWords::phrases`] (same order as the words), and for
/// every phrase the lists it is in: a sentence's hits tell at once which lists can match.
#[derive(Debug, Clone, Default)]
pub struct VoteIds {
    lists: [Vec<u32>; 26],
    member: Vec<u32>,
}

impl VoteIds {
    /// The ids of one list's phrases.
    pub fn list(&self, l: VoteList) -> &[u32] {
        &self.lists[l as usize]
    }

    /// The lists (as [`VoteList::bit`]s) any of these phrases is in.
    pub fn mask(&self, phrases: impl IntoIterator<Item = u32>) -> u32 {
        phrases.into_iter().fold(0, |m, id| {
            m | self.member.get(id as usize).copied().unwrap_or(0)
        })
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CalendarWords {
    /// Month names, January first; each entry lists accepted spellings.
    pub months: Vec<Vec<String>>,
    /// Weekday names, Monday first.
    pub weekdays: Vec<String>,
}

impl CalendarWords {
    /// 1-based month number of a (lower-case) month word.
    pub fn month(&self, word: &str) -> Option<u32> {
        let w = word.trim_end_matches('.');
        self.months
            .iter()
            .position(|names| names.iter().any(|n| eq_fold(n, w)))
            .map(|i| i as u32 + 1)
    }
    /// 0-based weekday (Monday = 0) of a weekday word.
    pub fn weekday(&self, word: &str) -> Option<usize> {
        self.weekdays.iter().position(|n| eq_fold(n, word))
    }
}

/// Case-insensitive equality without allocating: these look-ups run on every word of a
/// document, and `to_lowercase` per word dominated the profile.
#[inline]
pub fn eq_fold(a: &str, b: &str) -> bool {
    !ascii_starts_differ(a, b) && eq_fold_rest(a, b)
}

/// Do `a` and `b` differ, up to ASCII case, in their first or second byte where both are
/// ASCII? The usual answer of a case-insensitive comparison of two words, inlined at every
/// caller before the comparison proper: word lists are asked about every line of a document,
/// and prose lines share the first letter of a list word ("Administrationen", "Afbud") often.
#[inline]
pub fn ascii_starts_differ(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let differ = |x: Option<&u8>, y: Option<&u8>| match (x, y) {
        (Some(x), Some(y)) => x.is_ascii() && y.is_ascii() && !x.eq_ignore_ascii_case(y),
        _ => false,
    };
    // The second bytes only behind ASCII first letters (behind others come continuation
    // bytes, never ASCII, so the answer is the same; the test is cheaper).
    differ(a.first(), b.first())
        || (a.first().is_some_and(u8::is_ascii) && differ(a.get(1), b.get(1)))
}

#[inline(never)]
fn eq_fold_rest(a: &str, b: &str) -> bool {
    if a.len().abs_diff(b.len()) > 4 {
        return false; // case folding changes the byte length of a word by little
    }
    // Byte by byte while the two agree up to ASCII case: most words part at their first
    // letters, and most words are ASCII.
    let (x, y) = (a.as_bytes(), b.as_bytes());
    match x
        .iter()
        .zip(y)
        .position(|(p, q)| !p.eq_ignore_ascii_case(q))
    {
        // One is the other with more letters (no letter folds to nothing), or they are equal.
        None => return x.len() == y.len(),
        // Two different ASCII letters at the same place: the characters before were equal.
        Some(i) if x[i].is_ascii() && y[i].is_ascii() => return false,
        Some(_) => {}
    }
    let first = |s: &str| s.chars().next().and_then(|c| c.to_lowercase().next());
    if first(a) != first(b) {
        return false;
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The compiled-in lexicon. It is part of the binary, so a parse error is a build defect
/// caught by the test suite, never a user's problem.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON
        .get_or_init(|| toml::from_str(LEXICON_TOML).expect("rules/lexicon.toml is valid (tested)"))
}

/// A word list lookup in one of the loosely typed tables.
pub fn words<'a>(table: &'a toml::Table, key: &str) -> Vec<&'a str> {
    table
        .get(key)
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lexicon_parses() {
        let lex: super::Lexicon = toml::from_str(super::LEXICON_TOML).unwrap();
        assert_eq!(lex.calendar.months.len(), 12);
        assert_eq!(lex.calendar.weekdays.len(), 7);
        assert_eq!(lex.calendar.month("april"), Some(4));
    }

    /// The quick looks before the unit and reference word lists must never turn away a
    /// text that one of their words matches, in either case.
    #[test]
    fn unit_buckets_and_reference_ends_keep_every_word() {
        let words = &super::lexicon().numbers;
        for (u, unit) in words.units.iter().enumerate() {
            for (k, spelling) in unit.spellings.iter().enumerate() {
                for text in [spelling.clone(), spelling.to_uppercase()] {
                    assert!(
                        words.unit_spellings(text.as_bytes()[0]).contains(&(u, k)),
                        "{text:?} is not tried"
                    );
                }
            }
        }
        for w in &words.reference_before {
            for text in [format!("jf. {w}"), format!("JF. {}", w.to_uppercase())] {
                assert!(
                    words.references_ending(&text).any(|r| r == w),
                    "{text:?} is turned away"
                );
            }
        }
        assert_eq!(words.references_ending("et beløb af").count(), 0);
        assert_eq!(words.references_ending("med").count(), 0);
        assert!(words.unit_spellings(b'q').is_empty());
    }

    /// `eq_fold` against the plain definition: both sides lower-cased and compared.
    #[test]
    fn eq_fold_agrees_with_lower_casing() {
        let words = [
            "",
            "a",
            "A",
            "ab",
            "Ab",
            "abc",
            "abd",
            "Økonomi",
            "økonomi",
            "ØKONOMI",
            "Økonomi1",
            "Ækonomi",
            "Åben",
            "åben",
            "ÅBEN",
            "Kr.",
            "kr.",
            "KR.",
            "\u{212A}r.",
            "İx",
            "ix",
            "Beslutning",
            "Beslutninger",
            "beslutninG",
            "Baggrund",
            "Møde",
            "MØDE",
            "Mode",
            "fraværende",
            "Fraværende",
            "Fravær",
            "Afbud",
            "AFBUD",
            "Administrationen",
            "aF",
            "a\u{212A}",
            "ak",
            "Ø\u{212A}",
            "øk",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    super::eq_fold(a, b),
                    a.to_lowercase() == b.to_lowercase(),
                    "{a:?} vs {b:?}"
                );
            }
        }
    }

    #[test]
    fn a_vote_phrase_is_masked_with_exactly_the_lists_it_is_in() {
        let votes = &super::lexicon().votes;
        let ids = votes.ids();
        let mut lists_seen = 0;
        for id in 0..votes.phrases().phrases().count() as u32 {
            let mask = ids.mask([id]);
            for l in super::VoteList::ALL {
                assert_eq!(
                    mask & l.bit() != 0,
                    ids.list(l).contains(&id),
                    "{:?} in {l:?}",
                    votes.phrases().phrase(id)
                );
            }
            lists_seen |= mask;
        }
        // Every list has a phrase, and a phrase can be in two ("imod": a count marker and the
        // opening of a motion).
        assert_eq!(lists_seen.count_ones() as usize, super::VoteList::ALL.len());
        let imod = votes.phrases().ids(&["imod".to_string()])[0];
        assert!(ids.mask([imod]).count_ones() >= 2);
    }

    /// Phrases searched in lower-cased text must be written in lower case, or they never match.
    #[test]
    fn searched_phrases_are_lower_case() {
        let lex = super::lexicon();
        // The sets the parsers search, so the test covers exactly what is searched.
        let sets = [
            lex.votes.phrases(),
            lex.numbers.roles(),
            lex.numbers.breakdowns(),
        ];
        for set in sets {
            assert!(set.phrases().count() > 0);
            for phrase in set.phrases() {
                assert_eq!(
                    phrase,
                    phrase.to_lowercase(),
                    "write {phrase:?} in lower case"
                );
            }
        }
        // Lists compared with `contains` against a lower-cased text.
        for list in [&lex.tables.difference_columns, &lex.tables.rounding_note] {
            assert!(!list.is_empty());
            for word in list {
                assert_eq!(*word, word.to_lowercase(), "write {word:?} in lower case");
            }
        }
    }
}
