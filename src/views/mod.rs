//! What the extension shows, as localized view models: every string a person reads in a badge, the toolbar popup,
//! the detail card or a vetting export is decided here, so the JavaScript only places text.
//!
//! | module | owns |
//! | --- | --- |
//! | [`badge`] | what a badge says: its state, icon, words and tooltip |
//! | [`palette`] | the state colours, once for every surface, as CSS custom properties |
//! | [`lookup`] | the batch answer the service worker gives a content script (links and the page's main profile) |
//! | [`popup`] | the toolbar popup's view of the current tab |
//! | [`card`] | the in-page detail card a badge opens: record, lookalike or unknown |
//! | [`imitation`] | how a lookalike warning explains itself: whom it imitates, by which technique |
//! | [`record`] | a record's card view (certification, sanctions, complaints, freshness): the model the detail card, the portal, the CLI and vetting render |
//! | [`vetting`] | the business vetting record of a profile: text, CSV and JSON |

pub mod badge;
pub mod card;
pub mod imitation;
pub mod lookup;
pub mod palette;
pub mod popup;
pub mod record;
pub mod vetting;
