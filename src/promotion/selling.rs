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
const fn weak_call(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::ContactCall, Rule::Weak)
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

/// Calls to contact the seller.
pub(crate) const CONTACT: &[Phrase] = &[
    call("{ib|ibx|inb|inbox|ipx} {ngay|em|e|minh|page|fanpage|rieng|truc tiep|de|cho em|cho minh|qua zalo|zalo|zl|sdt|tu van|dat hang|order|oder|mua|lay|gia|hoi gia|hoac|hay|or}"),
    call("nhan tin {ngay|cho em|cho minh|qua zalo|zalo|de mua|de dat|de duoc}"),
    // A buyer writes to the shop as often as a seller asks for it ("mình có nt cho shop", "ib shop rep nhanh").
    weak_call("{ib|ibx|inb|inbox|nt|nhan tin} {cho |}{shop|sop}"),
    call("#{ib|inbox|inb|ibx}"),
    Phrase::new("{ib|ibx|inb|inbox}", CueKind::ContactCall, Rule::Label),
    call("ai {can|co nhu cau|muon mua|quan tam|can mua|lay|ung|thich} *{ib|ibx|inb|inbox|nhan tin|lien he|lh|ghe|goi|alo|call|cmt|comment|de lai}"),
    call("ai *{can|ung|thich|muon mua|quan tam|co nhu cau} *{ib|ibx|inb|inbox|nhan tin|lien he|lh}"),
    call("{cmt|comment|binh luan|ib|inbox|inb} {de|de duoc|va|roi} {mua|dat|dat hang|order|oder|tu van|bao gia|nhan gia|lay gia|chot}"),
    call("de lai {sdt|so dien thoai|so dt|sdt zalo|thong tin}"),
    call("{vui long |hay |xin |}lien he {ngay|em|e|minh|shop|chung toi|zalo|hotline|sdt|so|qua|truc tiep|de|trang|fanpage|page|ib|~|+~}"),
    call("{vui long |hay |xin |}lien he voi {em|chung toi|shop|minh|ben minh}"),
    call("lien he_:"),
    call("{lh|lhe}_:"),
    call("{lh|lhe} {~|em|ngay|zalo|zl|sdt|hotline|de|qua|shop}"),
    call("{goi|call|alo} {ngay|cho em|hotline|zalo} "),
    call("{chi tiet|thong tin chi tiet|xem chi tiet} {tai|lh|lien he|xem tai|vui long}"),
    call("{dm|inbox|message|text|whatsapp} {me|us}"),
    call("{dm|call|text|inbox} {or|/} {call|dm|text|whatsapp|zalo}"),
    call("dm {to|for} {order|price|prices|details|orders|buy}"),
    call("{send|drop} {us|me} a {dm|message}"),
    call("comment {sold|mine|yes|interested|done}"),
    call("drop your {number|phone|phone number}"),
    call("message us"),
    Phrase::new("soan", CueKind::ContactCall, Rule::Sms),
    call("soan *gui ~"),
    call("{tin nhan|sms} *gui ~"),
    call("{text|sms} *to ~"),
];

/// Prices offered. A price token is a number with a unit: `39k`, `99.000đ`, `250.000 vnđ`, `1tr2`, `$19.99`.
pub(crate) const PRICE: &[Phrase] = &[
    price("gia{ goc| ban| le| chi| chi co| chi con| chi tu| moi| sale| uu dai| khuyen mai| chi voi|}{_:|} {~_k|~kk|~_d|~_vnd|~_dong|~_tr|~_trieu|~_nghin|~_usd|$~|~tr~}"),
    price("chi {con|tu|voi|co} ~_{k|d|vnd|dong|nghin|tr|trieu|usd}"),
    price("{chi|only|just} ~_{k|tr|trieu}"),
    price("{only|just} ~_{d|vnd|dong}"),
    price("~ {chiec|cai|hop|goi|chai|bo|doi|set|mon|ao} ~{k|kk}"),
    price("size {s|m|l|xl|xxl|~}_: ~{k|kk}"),
    price("~{g|kg|ml|l}_: ~{k|kk}"),
    price("$~"),
    price("gia {si|buon|si le|si tot|xuong}"),
    price("gia {tot nhat|re nhat} thi truong"),
    Phrase::new("dong gia", CueKind::PriceOffer, Rule::Weak).accented(&["đồng giá"]),
    price("gia {uu dai|khuyen mai|hat de|dac biet}"),
    price_strong("#~_{k|kk|d|vnd|tr}"),
    price("~_{k|d|vnd|dong|nghin|tr|trieu}_/_{hop|cai|chiec|sp|san pham|bo|doi|set|chai|lo|goi|kg|ky|thung|hu|cap|ao|quan|thang|ngay|tuan|nam|cuon|tui|mon|m|met|con|phan|suat|ly|coc|bich}"),
    price("{only|just|now} {$~|~ usd|~ dollars}"),
    price("{price|prices} {from|start at|starting at|only} "),
    price("wholesale {price|prices}"),
];

/// Sales and deals.
pub(crate) const SALE: &[Phrase] = &[
    sale("xa {kho|hang|lo|gia|hang ton|het}"),
    sale("{thanh ly|thanh li}"),
    sale_strong("pass lai"),
    sale("{sale|sales|sale off|giam|giam gia|giam den|giam toi|giam them|giam len den|off} {~_%|upto ~_%|up to ~_%|den ~_%|toi ~_%|len den ~_%}"),
    sale("{sale|giam gia|khuyen mai|uu dai} {soc|cuc soc|sieu soc|khung|manh|cuc manh|cuc lon|lon nhat|bat tan|dac biet|het co|hang loat|dong gia|tung bung|sap san}"),
    sale("{chuong trinh|ctkm|dot} {sale|khuyen mai|uu dai|giam gia|tri an|xa kho}"),
    sale("{crazy|flash|big|mega|super|sieu|hot} {sale|deal}"),
    sale("{dai ha gia|sieu giam gia|gia huy diet}"),
    sale("{freeship|free ship|frees ship|#freeship|free giao hang}"),
    sale("mien phi {van chuyen|ship|giao hang}"),
    sale("mua ~ tang ~"),
    sale("{tang kem|qua tang} {ngay|khi mua|cho don}"),
    sale("combo"),
    sale("tang qua cho {khach|ban|don}"),
    sale("{clearance|free shipping|free delivery|buy one get one|bogo|half price|limited offer|limited time offer|bundle deal|bundle offer}"),
    sale("buy ~ get ~"),
    sale("~_% off"),
    sale("{closing down|end of season|stock|warehouse|clearance} sale"),
];

/// Taking orders.
pub(crate) const ORDERING: &[Phrase] = &[
    order("{chot|len} {don|don nhanh|don ngay|don lien}"),
    order("nhan {order|oder|od|dat hang|ship|gia cong|si|in} "),
    order("nhan {order|oder|od|dat hang|si}"),
    order("{pre order|pre oder|preorder|preorders|pre-order|pre-orders|order ngay|oder ngay|order lien}"),
    // "đặt hàng ngày 7/7" is a buyer's date: written with diacritics, only "ngay" (now) counts.
    Phrase::new("dat {hang |}ngay", CueKind::Ordering, Rule::Seller).accented(&["đặt hàng ngay", "đặt ngay"]),
    order("{si le|si va le|le va si|le si|si & le|ban si|ban buon|ban le va si|buon le|nhan si|tuyen si|tuyen ctv|tuyen dai ly}"),
    order("{ship|sip|giao|giao hang|van chuyen|nhan ship|freeship|cod} {toan quoc|khap toan quoc|nationwide}"),
    order_weak("{ship|sip|giao|giao hang|nhan ship} cod"),
    order_weak("hang {co san|luon co san|san co}"),
    order("{xuong san xuat|tong kho|dai ly|nha phan phoi} {chuyen|ban|cung cap|phan phoi}"),
    order_weak("thanh toan khi nhan hang"),
    order_weak("nhan hang {roi |moi |}thanh toan"),
    order_weak("cash on delivery"),
    order("{order now|orders now|pre-order now|taking orders|we ship|ships nationwide|we deliver|place your order|shop now|buy now|order yours|orders are open|wholesale and retail|wholesale & retail}"),
];

/// Live selling.
pub(crate) const LIVE: &[Phrase] = &[
    live("{dang|dag|len|vao|tren|mo|phien|hen|gap|sap|ghe} {live|livestream|live stream}"),
    live("{live|livestream} {luc|vao luc|toi nay|sang nay|chieu nay|~_h|~_h~|~_:~|san sale|sale|chot don|xa kho|ban hang|xa hang}"),
    live("{live now|going live|join my live|join our live|on live|live sale|live shopping}"),
    live("live in ~ {minutes|mins|min|hours|hour}"),
];

/// Shops named by a tag or a handle, and shops presenting themselves.
pub(crate) const SHOP: &[Phrase] = &[
    tag("{ghe|follow|theo doi} {instagram|insta|ig|tiktok|fb|facebook}"),
    // "lần sau sẽ ghé shop" is a buyer's promise: the bare visit is weak, the seller's own shop is not.
    Phrase::new("{ghe|follow|theo doi} {qua |tham |}{shop|sop|page|fanpage|kenh|gian hang}", CueKind::ShopTag, Rule::Weak),
    tag("ghe {qua |tham |}{shop|sop|page|fanpage|instagram|insta|ig|kenh|shopee|gian hang|tiktok} {minh|em|ngay|xem|ung ho|de mua|cua minh|cua em|ben minh|ben em}"),
    tag("{ben|shop} {shop |}{minh|em|mh|mk|tui|toi|chung toi} {co ban|co nhan|dang co|chuyen|ban|dang ban|co san|cung cap|phan phoi}"),
    // "mình có bản", "mình đang bận" fold the same: written with diacritics, only "bán" (sell) counts.
    Phrase::new("{minh|em} {co|dang} ban", CueKind::ShopTag, Rule::Seller).accented(&[
        "mình có bán",
        "mình đang bán",
        "em có bán",
        "em đang bán",
    ]),
    tag("mong {cac ban|moi nguoi|mn|ca nha} {ung ho|mua ung ho}"),
    tag("{follow|visit|check out} {my|our} {shop|store|page}"),
];

/// A buyer's words: where one stands, the post reads as a review and weak offers do not count (see the module
/// docs). First person with a purchase, the delivery, the packaging, the reward for reviewing, thanks to the shop.
pub(crate) const CONSUMER: &[&str] = &[
    "{minh|toi|mk|mh} *{mua|dat|order|oder|san|canh|duoc|nhan|dung|xai|su dung|ap|an|lay|chon|mac}",
    "{tui|tao|em da} {mua|dat|order|dung|xai|nhan}",
    "{mua hang|trong dot|shop ghi|van tinh phi|lai tinh phi}",
    "{chap nhan duoc|la hoi|qua hoi|vai hoi|hoi mong|dang gia}",
    "{da|vua|moi} nhan {duoc |dc |}{hang|sp|san pham|don}",
    "nhan {duoc|dc} {hang|sp|san pham}",
    "{khong|chua|ko} nhan {duoc|dc}",
    "{dung|ap|xai|duoc|den|nhan duoc|doi} {them |}{1 |mot |cai |}{voucher|ma giam gia|ma giam|coupon|ma khuyen mai|ma freeship|ma}",
    "{shop|sop} {da |}{den|gui|doi|noi|hen|phan hoi|tra loi}",
    "{mua|da mua} {sale|duoc|dc|ve|cho|de|lan|them|lai|tiep|dot|trong dot|luc|hom|thu}",
    "mua ~ {chiec|cai|cap|bo|hop|goi|lan|mon|doi|bich}",
    "{gia|gia ca} {rat|qua|kha|cung} {re|tot|hop ly|on|mem|phai chang}",
    "{re|dat|mac} qua",
    "{rat|qua|sieu|kha} ngon",
    "{duoc gui|gui den}",
    "shop nay",
    "{chua|da} {dung|xai|su dung|test}",
    "{chua|khong|ko} {duoc |}{phan hoi|tra loi|rep}",
    "danh gia",
    "{mua|san} {trung|phai|nham|duoc} {hang|dot|luc}",
    "{giao|nhan} {voucher|ma}",
    "{giao|gui} {sai|nham|thieu}",
    "kiem tra hang",
    "{dung tam|chan that|chan qua|tran lan|dung mua}",
    "giao hang {nhanh|cham|lau|hoi|rat|sieu|cuc|kha|dung|du|ok|oke|nhanh chong|can than|tot}",
    "{ship|giao} {nhanh|cham|lau|hoi|sieu nhanh}",
    "dong goi",
    "{shop|sop} {giao|goi|dong|tu van|phuc vu|nhiet tinh|de thuong|tot|rep|tra loi|hoi}",
    "{cam on|thank|thanks|tks|thankyou} shop",
    "{cho|tang} shop ~ {sao|*}",
    "~ sao",
    "{nhan|lay|an|kiem} xu",
    "{chat luong|cl} {san pham|sp|tot|on|ok|oke|kem|te|tuyet voi}",
    "{san|mua} {duoc|dc} {gia|voi gia|deal|sale|luc sale|dot sale}",
    "{ap|dung|su dung|xai} {them |}{ma|voucher|coupon|code}",
    "{nen|se} mua {lai|them|tiep|nha|nhe|thu|luon}",
    "nen chot",
    "{ung ho|quay lai} shop",
    "kem chat luong",
    "{bi lua|mua phai|that vong|do mat|hang loi|hang te}",
    "{hai long|ung y|dang tien}",
    "{i|we} {used|got|paid|received|hate|returned|tried}",
    "{bought|got it|paid|purchased|checkout|seller promised}",
];
