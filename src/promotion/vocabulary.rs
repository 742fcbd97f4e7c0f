//! The vocabulary of promotion detection: the kinds of cue ([`CueKind`], with their vi/en labels), one piece of
//! evidence ([`Cue`]), what a detection answers ([`PromotionReport`]), and the catalogue's building blocks
//! ([`Phrase`] with its [`Rule`]) that the phrase tables in `markers` and `risk` are written in. Kept apart from the
//! detector so the tables depend on it, not on the detector that reads them.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

macro_rules! cue_kinds {
    ($($(#[$vm:meta])* $v:ident = $s:literal, $promo:literal, $vi:literal, $en:literal;)*) => {
        /// What a cue shows. Serialized in snake_case (`shop_link`, …), the `kind` of a complaint's cue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum CueKind { $($(#[$vm])* $v,)* }
        impl CueKind {
            /// Every kind, in catalogue order (promotion kinds, then risk kinds).
            pub const ALL: &'static [CueKind] = &[$(CueKind::$v,)*];
            /// How many kinds there are (the length of per-kind tables).
            pub const COUNT: usize = CueKind::ALL.len();
            /// Stable machine name (the serialized form).
            pub fn as_str(self) -> &'static str { match self { $(CueKind::$v => $s,)* } }
            /// Reads the machine name written by `as_str`; `None` for an unknown kind.
            pub fn parse(s: &str) -> Option<CueKind> { CueKind::ALL.iter().copied().find(|k| k.as_str() == s) }
            /// Does a cue of this kind make a post a promotion?
            pub fn is_promotion(self) -> bool { match self { $(CueKind::$v => $promo,)* } }
            /// What the report dialog calls it.
            pub fn label(self, lang: Lang) -> &'static str { match self { $(CueKind::$v => lang.pick($vi, $en),)* } }
        }
    };
}

cue_kinds! {
    /// A link to a shop or marketplace (Shopee, Lazada, Tiki, TikTok Shop…), short links of shops included.
    ShopLink = "shop_link", true, "Liên kết mua hàng", "Shop link";
    /// A link carrying affiliate parameters or an affiliate tracker.
    AffiliateLink = "affiliate_link", true, "Liên kết tiếp thị liên kết (affiliate)", "Affiliate link";
    /// A URL shortener or link hub (`bit.ly`, `linktr.ee`); never a promotion alone.
    ShortLink = "short_link", false, "Liên kết rút gọn", "Shortened link";
    /// A discount code or voucher; when a code follows the trigger ("nhập mã GIAM50"), the code is the cue's text.
    DiscountCode = "discount_code", true, "Mã giảm giá", "Discount code";
    /// Points readers to a purchase link elsewhere: "link ở bio", "link dưới comment", "giỏ hàng vàng".
    LinkInBio = "link_in_bio", true, "Chỉ tới liên kết mua hàng (bio, bình luận, giỏ hàng)", "Points to a shop link (bio, comments, cart)";
    /// The post says it is advertising: `#quangcao`, "[Quảng cáo]", "được tài trợ", `#ad`, "paid partnership".
    Disclosure = "disclosure", true, "Có ghi rõ là quảng cáo", "Marked as advertising";
    /// A call to get in touch to buy: "ib shop", "inbox em", "liên hệ/LH", "ai cần ib em", "cmt để mua", "để lại
    /// sđt", SMS sign-up codes ("soạn Q5 gửi 999"), "DM to order".
    ContactCall = "contact_call", true, "Kêu gọi liên hệ, nhắn tin để mua", "Call to contact the seller";
    /// A Vietnamese phone or Zalo number written in the text ("0912 345 678", "+84 912…", "zalo 09…").
    ContactNumber = "contact_number", true, "Số điện thoại, Zalo liên hệ", "Phone or Zalo number";
    /// A price offered: "giá chỉ 39k", "#39k", "199k/hộp", "99.000đ/tháng", "giá sỉ", "đồng giá", "only $19.99".
    PriceOffer = "price_offer", true, "Chào giá bán", "Price offer";
    /// A sale or deal: "xả kho", "thanh lý", "sale 50%", "giảm giá sốc", "freeship", "mua 1 tặng 1", "clearance".
    SaleOffer = "sale_offer", true, "Khuyến mãi, xả hàng", "Sale or deal";
    /// Taking orders: "chốt đơn", "lên đơn", "nhận order", "pre-order", "sỉ lẻ", "ship COD", "order now".
    Ordering = "ordering", true, "Nhận đặt hàng, chốt đơn", "Taking orders";
    /// Selling on a livestream: "đang live", "lên live", "live lúc 8h", "vào live săn sale", "join my live".
    LiveSelling = "live_selling", true, "Bán hàng qua livestream", "Live selling";
    /// A shop named by a tag or handle: "follow #shopname", "ghé shop …", `#shop…`, `@…shop`, "follow my shop".
    ShopTag = "shop_tag", true, "Gắn thẻ, giới thiệu shop", "Shop tag or handle";
    /// Risk: slang for counterfeit goods ("rep 1:1", "hàng fake", "super fake").
    CounterfeitSlang = "counterfeit_slang", false, "Dấu hiệu hàng giả, hàng nhái", "Counterfeit slang";
    /// Risk: miracle health or beauty claims ("giảm 10kg trong 7 ngày", "trị dứt điểm").
    MiracleClaim = "miracle_claim", false, "Công dụng thần kỳ, khó tin", "Miracle health claim";
    /// Risk: promised financial returns ("lợi nhuận 30%/tháng", "không rủi ro").
    GuaranteedReturn = "guaranteed_return", false, "Cam kết lợi nhuận", "Guaranteed returns";
}

impl CueKind {
    /// Risk cues: reported to help the reader and the moderator, never decisive.
    pub fn is_risk(self) -> bool {
        matches!(
            self,
            CueKind::CounterfeitSlang | CueKind::MiracleClaim | CueKind::GuaranteedReturn
        )
    }

    /// A negation right before the phrase cancels it ("không phải quảng cáo", "chưa khỏi hẳn").
    pub(crate) fn negatable(self) -> bool {
        self == CueKind::Disclosure || self.is_risk()
    }
}

/// One piece of evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// What the cue shows.
    pub kind: CueKind,
    /// Text cues: exactly `text[start..end]` of the original. Link cues: the evidence inside the link.
    pub text: String,
    /// Byte offsets into the original text (char boundaries); `0, 0` for link cues.
    pub start: usize,
    /// End byte offset (exclusive) into the original text; `0` for link cues.
    pub end: usize,
    /// For cues found in the `links` argument: the link's index there; `None` for cues found in the text.
    pub link: Option<usize>,
}

/// What [`detect`](super::detect) found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionReport {
    /// Some promotion cue (shop, affiliate, discount code, link in bio, disclosure, or a social-selling kind:
    /// contact call or number, price or sale offer, ordering, live selling, shop tag) was found; risk cues and short
    /// links alone never set it.
    pub is_promotion: bool,
    /// A disclosure cue was found (not negated).
    pub disclosed: bool,
    /// The cues kept (at most [`MAX_CUES`](super::MAX_CUES), [`MAX_CUES_PER_KIND`](super::MAX_CUES_PER_KIND) per kind): text cues in text order, then link cues.
    pub cues: Vec<Cue>,
}

/// When a matched phrase counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    /// Anywhere.
    Plain,
    /// Only as a label: in brackets, before `:`/`|`, after `|`, or alone on its line (see `markers`).
    Label,
    /// A discount-code trigger; the code after it, if any, becomes the cue. Without a code it is as weak as
    /// [`Rule::Weak`] ("mình dùng voucher" is a buyer's).
    Code(CodeNeed),
    /// Words buyers use as often as sellers (a price, a sale): only when the post does not read as a buyer's
    /// review, and not with a buyer as subject (see `selling`).
    Weak,
    /// A seller's words: unless a first-person buyer is their subject ("mình ib shop", "mình chốt đơn").
    Seller,
    /// "soạn": only with an SMS code after it (upper case or digits: "soạn Q5 gửi 999"); the code joins the cue.
    Sms,
}

/// How much a discount-code trigger needs a code after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CodeNeed {
    /// A cue by itself ("mã giảm giá", "voucher").
    Optional,
    /// Only with a code after it ("nhập mã FREESHIP").
    Some,
    /// Only with a code holding a digit after it (the single words "mã", "code").
    WithDigit,
}

/// One catalogue entry.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Phrase {
    /// Folded pattern (in the small language of `matcher`).
    pub pat: &'static str,
    pub kind: CueKind,
    pub rule: Rule,
    /// If not empty and the post writes the phrase with diacritics, they must spell one of these (case aside).
    pub accented: &'static [&'static str],
}

impl Phrase {
    pub(crate) const fn new(pat: &'static str, kind: CueKind, rule: Rule) -> Phrase {
        Phrase {
            pat,
            kind,
            rule,
            accented: &[],
        }
    }

    pub(crate) const fn accented(self, forms: &'static [&'static str]) -> Phrase {
        Phrase {
            accented: forms,
            ..self
        }
    }
}
