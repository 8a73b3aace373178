//! The signature sheet (Underskriftsark / Underskriftsside / Godkendelsesark). (To be completed.)

use super::lines::Line;
use crate::lexicon::Lexicon;
use crate::model::Signature;

pub fn parse(_doc: &str, _lines: &[Line], _lex: &Lexicon) -> Vec<Signature> {
    Vec::new()
}
