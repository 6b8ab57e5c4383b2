//! The commands.

pub mod call;
pub mod check;
pub mod gen;
pub mod import;
pub mod request;
pub mod services;
pub mod sign;
