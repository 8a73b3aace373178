//! Tab-separated tables. (To be completed.)

use super::lines::Line;
use crate::lexicon::Lexicon;
use crate::model::Table;

pub fn parse(_doc: &str, _lines: &[Line], _lex: &Lexicon) -> Vec<Table> {
    Vec::new()
}
