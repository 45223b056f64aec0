//! How the site shows handing over: asks with their receivers and ids,
//! acknowledgements, incidents and who is on call. Shared by the pages,
//! the API, the feeds and chat, so that an item reads the same everywhere.

mod asks;
mod incidents;
mod on_call;

pub(crate) use asks::*;
pub(crate) use incidents::*;
pub(crate) use on_call::*;
