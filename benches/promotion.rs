//! Promotion detection speed on a typical post (the report dialog and the in-page "Report" action run it on posts
//! the reader is looking at).
//!
//! `promotion/post_500` detects on a ~500-character Vietnamese promotional post with two links (a Shopee affiliate
//! link behind Facebook's link shim, and a short link) and a link written in the text: the common case.
//! `promotion/plain_500` is an ordinary post of the same length with no cue (the cost of saying "nothing here"),
//! `promotion/selling_500` a ~500-character social-selling post (inbox calls, a Zalo number, prices, a sale, orders,
//! a live, a shop tag: every new kind of issue 20), and `promotion/max_20k` a text at the 20,000-byte limit, the worst
//! a post can cost. Budget (docs/performance.md): one 500-character post ≤ 20 µs native.
//!
//! Run: `cargo bench --bench promotion` (report in `target/criterion/`). Measured on the 2-core shared machine
//! (see docs/performance.md for the load at the time): before issue 20 post_500 11.8 µs, plain_500 11.8 µs,
//! max_20k 346 µs; with the social-selling vocabulary, quiet machine, post_500 16.7 µs, selling_500 17.8 µs,
//! plain_500 10.1 µs (then ~10% more instructions after the WebAssembly size cuts: 16.3 / 21.1 / 7.2 µs); since the
//! first-word index keeps one entry per pattern and word (2026-12-06, quiet machine): post_500 15.2 µs, selling_500
//! 17.1 µs, plain_500 6.9 µs, max_20k 341 µs.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use koltrust::promotion::detect;

const POST: &str = "Mùa hè này mình mê nhất em kem chống nắng này luôn mọi người ơi 😍 Chất kem mỏng nhẹ, thấm nhanh, \
không bết dính, đi làm cả ngày vẫn khô thoáng. Da mình hỗn hợp thiên dầu mà dùng 3 tuần thấy ổn áp lắm nha. \
Đang có deal giảm 30% trên Shopee, nhập mã GIAM50 để được giảm thêm 50k cho đơn từ 299k nhé. Link mua mình để \
ở bio và dưới comment, hoặc bấm vào đây: https://s.shopee.vn/9zXyAbC. Ai da nhạy cảm thì test thử trước ở \
cổ tay nha. Hợp tác có trả phí với nhãn hàng. #quangcao #review #kemchongnang";

const PLAIN: &str = "Cuối tuần vừa rồi cả nhà mình về quê ngoại ở Bến Tre, trời mát mẻ, vườn dừa xanh mướt, \
mấy đứa nhỏ chạy nhảy cả ngày không biết mệt. Bà ngoại nấu canh chua cá lóc với kho quẹt ngon không chê vào \
đâu được, ăn xong ai cũng xin thêm chén cơm. Chiều thì đi xuồng dọc con rạch sau nhà, ngắm hoàng hôn đỏ rực \
phía cuối sông. Tối ngồi nghe ông kể chuyện ngày xưa, chuyện đi học phải lội bộ mấy cây số. Mong là năm sau \
lại được về đông đủ như vậy nữa. Cảm ơn mọi người đã đọc tới đây nha, chúc cả nhà tuần mới vui vẻ!";

/// A ~500-character social-selling post: inbox calls, a Zalo number, prices, a sale, orders, a live and a shop tag.
const SELLING: &str =
    "🌸 HÀNG CÓ SẴN - NHẬN ORDER 🌸 Áo thun cotton 100% form rộng unisex, vải dày mịn, không xù lông, \
mặc cực mát mùa hè nha cả nhà. Giá chỉ 129k/áo, combo 3 áo chỉ 339k, freeship đơn từ 2 áo. Xả kho mẫu cũ đồng \
giá 79k. Ship COD toàn quốc, được kiểm tra hàng trước khi thanh toán. Tối nay 20h30 shop lên live chốt đơn, \
săn deal siêu hời. Ai cần ib em hoặc liên hệ Zalo 0912 345 678 để được tư vấn size nha. Follow #shopthunxinh \
để cập nhật mẫu mới mỗi tuần ạ 💕";

const LINKS: &[&str] = &[
    "https://l.facebook.com/l.php?u=https%3A%2F%2Fshopee.vn%2Fproduct%2F1%2F2%3Futm_medium%3Daffiliates&h=AT0x",
    "https://bit.ly/3xYzAbc",
];

fn bench(c: &mut Criterion) {
    assert!(detect(POST, LINKS).is_promotion);
    assert!(detect(PLAIN, &[]).cues.is_empty());
    c.bench_function("promotion/post_500", |b| {
        b.iter(|| detect(black_box(POST), black_box(LINKS)))
    });
    c.bench_function("promotion/plain_500", |b| b.iter(|| detect(black_box(PLAIN), &[])));
    let selling = detect(SELLING, &[]);
    assert!(selling.is_promotion && selling.cues.len() >= 7, "{:?}", selling.cues);
    c.bench_function("promotion/selling_500", |b| b.iter(|| detect(black_box(SELLING), &[])));
    let long = POST.repeat(40);
    c.bench_function("promotion/max_20k", |b| {
        b.iter(|| detect(black_box(&long), black_box(LINKS)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
