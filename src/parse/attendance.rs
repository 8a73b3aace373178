//! Per-item attendance: "Afbud Name", "Afbud: Name (V).", "Fraværende:" followed by names,
//! "Fraværende A, B, C", "X deltog i stedet for Y". (To be completed.)

use super::lines::Line;
use crate::lexicon::Lexicon;
use crate::model::Attendance;

pub fn parse(_doc: &str, _lines: &[Line], _lex: &Lexicon) -> Attendance {
    Attendance::default()
}
