//! The vocabulary of social selling in Vietnam (and its English counterpart): calls to contact the seller, prices
//! and sales offered, taking orders, live selling and shop tags — plus the buyer's words that tell a review apart
//! from an offer.
//!
//! Patterns are written folded (see [`crate::text::fold`]) in the small language of [`super::matcher`]; teen-code
//! and misspellings are written out as alternatives (`ib|ibx|inb|inbox`, `order|oder|od`, `sdt` for "sđt").
//!
//! ## Strength
//! Words that buyers use as often as sellers are [`Rule::Weak`]: a price ("giá chỉ 39k"), a sale ("freeship",
//! "sale 50%"), a livestream, a bare "voucher". They count only when the post does not read as a buyer's review —
//! when none of [`CONSUMER`] stands in it ("mình mua", "giao hàng nhanh", "đóng gói", "nhận xu", "cảm ơn shop"…).
//! A review that mentions a discount is not a promotion. Everything else is [`Rule::Seller`]: it counts unless a
//! buyer is its subject — a first-person pronoun right before it ("mình ib shop", "mình chốt đơn"), which
//! "bên mình", "shop mình" do not make (a seller speaks of "bên mình nhận order"). Phone numbers
//! ([`super::phone`]), SMS codes and shop handles are strong whatever the context: the review-plus-advert
//! ("Giao nhanh. Tiện thể bên mình có bán khẩu trang, ib 0912…") is the commonest advert in review sections.

use super::{CueKind, Phrase, Rule};

const fn call(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::ContactCall, Rule::Seller)
}
const fn price(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::PriceOffer, Rule::Weak)
}
const fn price_strong(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::PriceOffer, Rule::Seller)
}
const fn sale(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::SaleOffer, Rule::Weak)
}
const fn sale_strong(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::SaleOffer, Rule::Seller)
}
const fn order(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::Ordering, Rule::Seller)
}
const fn order_weak(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::Ordering, Rule::Weak)
}
const fn live(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::LiveSelling, Rule::Weak)
}
const fn tag(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::ShopTag, Rule::Seller)
}
const fn handle(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::ShopTag, Rule::Handle)
}

/// Calls to contact the seller.
pub(crate) const CONTACT: &[Phrase] = &[
    call("{ib|ibx|inb|inbox|ipx} {ngay|em|e|minh|page|fanpage|rieng|truc tiep|de|cho em|cho minh|qua zalo|zalo|tu van|dat hang|order|oder|mua|lay|gia|hoi gia}"),
    call("nhan tin {ngay|cho em|cho minh|qua zalo|zalo|de {mua|dat|duoc}}"),
    // A buyer writes to the shop as often as a seller asks for it ("mình có nt cho shop", "ib shop rep nhanh").
    Phrase::new("{ib|ibx|inb|inbox|nt|nhan tin} {cho |}{shop|sop}", CueKind::ContactCall, Rule::Weak),
    call("{ib|ibx|inb|inbox} {_:|_!}"),
    call("#{ib|inbox|inb|ibx}"),
    call("ai {can|co nhu cau|muon mua|quan tam|can mua|lay} *{ib|ibx|inb|inbox|nhan tin|lien he|lh|ghe|goi|alo|call|cmt|comment|de lai}"),
    call("{cmt|comment|binh luan|ib|inbox|inb} {de|de duoc|va|roi} {mua|dat|dat hang|order|oder|tu van|bao gia|nhan gia|lay gia|chot}"),
    call("{cmt|comment} {sdt|so dien thoai|so dt}"),
    call("de lai {sdt|so dien thoai|so dt|sdt zalo|thong tin}"),
    call("{vui long |hay |xin |}lien he {ngay|em|e|minh|shop|chung toi|zalo|hotline|sdt|so|qua|truc tiep|de|voi {em|chung toi|shop|minh|ben minh}|trang|fanpage|page|ib}"),
    call("lien he_:"),
    call("{lh|lhe} {_:|~|em|ngay|zalo|zl|sdt|hotline|de|qua|shop}"),
    call("{hotline|sdt|so dien thoai|so dt|zalo|zl}_:"),
    call("{goi|call|alo} {ngay|cho em|hotline|zalo} "),
    call("{chi tiet|thong tin chi tiet|xem chi tiet} {tai|lh|lien he|xem tai|vui long}"),
    call("{dm|inbox|message|text|whatsapp} {me|us} {to|for|now|today}"),
    call("dm {to|for} {order|price|prices|details|orders|buy}"),
    call("message us"),
    call("{call|text} us {now|today|at}"),
    Phrase::new("soan", CueKind::ContactCall, Rule::Sms),
    call("soan *gui ~"),
    call("{tin nhan|sms} *gui ~"),
];

/// Prices offered.
pub(crate) const PRICE: &[Phrase] = &[
    price("gia chi {co |con |tu |voi |}~"),
    price("gia {uu dai|khuyen mai|soc|hat de|cuc soc|sieu soc|dac biet}"),
    price("chi {con|tu|voi|co} ~_{k|d|vnd|dong|nghin|tr|trieu|usd}"),
    price("{chi|only|just} ~_{k|tr|trieu}"),
    price_strong("gia {si|buon|si le|si tot|xuong}"),
    price("gia {tot nhat|re nhat} thi truong"),
    Phrase::new("dong gia", CueKind::PriceOffer, Rule::Weak).accented(&["đồng giá"]),
    price_strong("#~_{k|kk|d|vnd|tr}"),
    price_strong("#gia~_k"),
    price("~_{k|d|vnd|dong|nghin|ngan|tr|trieu}_/_{hop|cai|chiec|sp|san pham|bo|doi|set|chai|lo|goi|kg|ky|thung|hu|cap|ao|quan|thang|ngay|tuan|nam|cuon|tui|mon|m|met|con|phan|suat|ly|coc}"),
    price("~.000_{d|vnd|dong}"),
    price("{only|just|now} {$~|~ usd|~ dollars}"),
    price("{price|prices} {from|start at|starting at|only} "),
    price("{price|gia}_: *{~_k|~.000|$~}"),
];

/// Sales and deals.
pub(crate) const SALE: &[Phrase] = &[
    sale_strong("xa {kho|hang|lo|gia|hang ton|het}"),
    sale_strong("thanh ly {gap|nhanh|het|lai|kho|hang|lo|gia}"),
    sale("thanh ly"),
    sale_strong("pass lai"),
    sale("{sale|sales|sale off|giam|giam gia|giam den|giam toi|giam them|giam len den|off} {~_%|upto ~_%|up to ~_%|den ~_%|toi ~_%|len den ~_%}"),
    sale("{sale|giam gia|khuyen mai|uu dai} {soc|cuc soc|sieu soc|khung|manh|cuc manh|cuc lon|lon nhat|bat tan|dac biet|het co|hang loat|dong gia|tung bung|sap san|sap san}"),
    sale("{chuong trinh|ctkm|dot} {sale|khuyen mai|uu dai|giam gia|tri an|xa kho}"),
    sale("{crazy|flash|big|mega|super|sieu|hot} {sale|deal}"),
    sale("{freeship|free ship|frees ship|#freeship|mien phi {van chuyen|ship|giao hang}|free giao hang}"),
    sale("mua ~ tang ~"),
    sale("{tang kem|qua tang} {ngay|khi mua|cho don}"),
    sale("combo {tiet kiem|uu dai|sieu}"),
    sale("tang qua cho {khach|ban|don}"),
    sale("{clearance|clearance sale|free shipping|free delivery|buy one get one|bogo|buy 1 get 1|~_% off|half price|limited offer|limited time offer}"),
];

/// Taking orders.
pub(crate) const ORDERING: &[Phrase] = &[
    order("{chot|len|len} {don|don nhanh|don ngay|don lien}"),
    order("nhan {order|oder|od|dat hang|ship|gia cong|si|in} "),
    order("nhan {order|oder|od|dat hang|si}"),
    order("{pre order|pre oder|preorder|pre-order|order ngay|oder ngay|order lien}"),
    // "đặt hàng ngày 7/7" is a buyer's date: written with diacritics, only "ngay" (now) counts.
    Phrase::new("dat {hang |}ngay", CueKind::Ordering, Rule::Seller).accented(&["đặt hàng ngay", "đặt ngay"]),
    order("{si le|si va le|le va si|le si|si & le|ban si|ban buon|ban le va si|buon le|nhan si|tuyen si|tuyen ctv|tuyen dai ly}"),
    order("{ship|giao|giao hang|van chuyen|nhan ship|freeship} {cod|toan quoc|khap toan quoc}"),
    order_weak("hang {co san|luon co san|san co}"),
    order("{xuong san xuat|tong kho|dai ly|nha phan phoi} {chuyen|ban|cung cap|phan phoi}"),
    order_weak("thanh toan khi nhan hang"),
    order_weak("nhan hang {roi |moi |}thanh toan"),
    order("{order now|orders now|pre-order now|cash on delivery|taking orders|we ship|ships nationwide|we deliver|place your order|shop now|buy now}"),
];

/// Live selling.
pub(crate) const LIVE: &[Phrase] = &[
    live("{dang|len|vao|xem|tren|mo|phien|hen|gap|sap|ghe} {live|livestream|live stream}"),
    live("live {luc|vao luc|toi nay|sang nay|chieu nay|~_h|~_:|san sale|sale|chot don|xa kho|ban hang}"),
    live("livestream"),
    live("{live now|going live|join my live|join our live|on live|live sale|live shopping}"),
];

/// Shops named by a tag or a handle, and shops presenting themselves.
pub(crate) const SHOP: &[Phrase] = &[
    handle("{follow|theo doi|ghe|ghe qua|ghe tham} {@|#}"),
    handle("{follow|theo doi|ghe|ghe qua|ghe tham|tham khao} {shop|page|fanpage|ig|insta|instagram|tiktok|kenh|shopee|fb|facebook} {@|#}"),
    tag("ghe {qua |tham |}{shop|sop|page|fanpage|instagram|insta|ig|kenh|shopee|gian hang|tiktok} {minh|em|e|nha|nhe|nhen|ngay|xem|ung ho|de|voi|cua {minh|em}|ben {minh|em}}"),
    tag("{ben|shop} {shop |}{minh|em|mh|mk|tui|toi|chung toi} {co ban|co nhan|dang co|chuyen|ban|dang ban|co san|cung cap|phan phoi}"),
    // "mình có bản", "mình đang bận" fold the same: written with diacritics, only "bán" (sell) counts.
    Phrase::new("{minh|em|tui} {co|dang|chuyen} ban", CueKind::ShopTag, Rule::Seller).accented(&[
        "mình có bán", "mình đang bán", "mình chuyên bán", "em có bán", "em đang bán", "em chuyên bán", "tui có bán",
        "tui đang bán", "tui chuyên bán",
    ]),
    tag("{mong|mong moi nguoi|mong cac ban|moi nguoi|mn|cac ban|ca nha} {ung ho|ghe ung ho|mua ung ho} {minh|em|shop minh|shop em|ben minh|ben em}"),
    tag("mong {cac ban|moi nguoi|mn|ca nha} {ung ho|mua ung ho}"),
    tag("{follow|visit|check out} {my|our} {shop|store|page}"),
];

/// A buyer's words: where one stands, the post reads as a review and weak offers do not count (see the module
/// docs). First person with a purchase, the delivery, the packaging, the reward for reviewing, thanks to the shop.
pub(crate) const CONSUMER: &[&str] = &[
    "{minh|toi|tui|tao|mk|mh|em|t|minh da|toi da|em da|minh moi|minh vua|minh co|minh cung} {mua|dat|order|oder|san|dung|xai|su dung|nhan|ap|an|lay|chon|mac}",
    "{da|vua|moi} nhan {duoc |dc |}{hang|sp|san pham|don}",
    "nhan {duoc|dc} {hang|sp|san pham}",
    "{dung|ap|xai|duoc|den|nhan duoc|doi} {them |}{1 |mot |cai |}{voucher|ma giam gia|ma giam|coupon|ma khuyen mai|ma freeship|ma}",
    "{shop|sop} {da |}{den|gui|doi}",
    "{mua|da mua} {sale|duoc|dc|ve|cho|de|lan|them|lai|tiep}",
    "mua ~ {chiec|cai|cap|bo|hop|goi|lan|mon|doi|bich}",
    "{gia|gia ca} {rat|qua|kha|cung} {re|tot|hop ly|on|mem|phai chang}",
    "{rat|qua|sieu|kha} ngon",
    "{duoc gui|gui den}",
    "shop nay",
    "{chua|da} {dung|xai|su dung|test}",
    "danh gia",
    "{mua|san} {trung|phai|nham|duoc} {hang|dot|luc}",
    "{san|canh} {sale|deal}",
    "{giao|nhan} {voucher|ma}",
    "giao hang {nhanh|cham|lau|hoi|rat|sieu|cuc|kha|dung|du|ok|oke|nhanh chong|can than|tot}",
    "{ship|giao} {nhanh|cham|lau|hoi|sieu nhanh}",
    "dong goi",
    "{shop|sop} {giao|goi|dong|tu van|phuc vu|nhiet tinh|de thuong|tot|rep|tra loi|hoi}",
    "{cam on|thank|thanks|tks|thankyou|cam ơn} shop",
    "{cho|tang} shop ~ {sao|*}",
    "~ sao",
    "{nhan|lay|an|kiem} xu",
    "{chat luong|cl} {san pham|sp|tot|on|ok|oke|kem|te|tuyet voi}",
    "{san|mua} {duoc|dc} {gia|voi gia|deal|sale|luc sale|dot sale}",
    "{ap|dung|su dung|xai} {them |}{ma|voucher|coupon|code}",
    "{nen|se} mua {lai|them|tiep|nha|nhe}",
    "{ung ho|quay lai} shop",
    "kem chat luong",
    "{bi lua|mua phai|that vong|do mat|hang loi|hang te}",
    "{hai long|ung y|dang tien}",
];
