//! The UI's languages: the crate's language layer ([`crate::lang`]), which the command line
//! shares for the diagnosis.

pub use crate::lang::{Lang, has, lang, set_lang, tr, tr_args};
