//! Votes recorded in decisions. (To be completed.)

use crate::lexicon::Lexicon;
use crate::model::{Section, Unrecognised, Vote};

pub fn parse(_doc: &str, _sections: &[Section], _lex: &Lexicon) -> (Vec<Vote>, Vec<Unrecognised>) {
    (Vec::new(), Vec::new())
}
