//! Pulls spooled page by page (work in progress).
