//! `cargo xtask dist`: the shipped extension.
//!
//! 1. `cargo build -p koltrust-wasm --features extension --profile wasm-release --target wasm32-unknown-unknown`
//!    (size-optimised, see Cargo.toml): the first module, which the service worker loads at start; then the same
//!    with `--features lazy`: the second module, instantiated on first use (card, vetting, report dialog, post
//!    flags, outbox; docs/architecture.md, "Two WebAssembly modules");
//! 2. the pinned `wasm-bindgen --target web` writes each one's JS glue and `.wasm` into `dist/extension/pkg/`
//!    (`koltrust.js`, `koltrust_lazy.js`);
//! 3. `wasm-opt -Oz` from the npm `binaryen` package shrinks and strips it (Debian's binaryen is too old to parse
//!    current rustc output);
//! 4. the signed sample registry is built and bundled (see `registry.rs`);
//! 5. `extension/` is copied beside it (with `palette.css`, the core's state colours), the manifest gets the crate's version, and
//!    `dist/koltrust-extension-<version>.zip` is written; then the same files with Firefox's manifest make
//!    `dist/firefox/` and `dist/koltrust-firefox-<version>.xpi` (`build_firefox`, [`crate::firefox`]);
//! 6. every shipped `.wasm` is reported raw and gzipped (docs/performance.md): `dist` fails, after printing, when
//!    the first module is over the 150 KB gzipped budget or leaves less than 20 KB of headroom under it, or when the
//!    second module is over its own budget;
//! 7. the public portal: the glue built again with `--features portal` (same profile, bindgen, wasm-opt) into
//!    `dist/www/pkg/`, beside a copy of `www/`; `koltrust serve` serves `dist/www` when it exists. Its WebAssembly
//!    is reported separately, against its own 150 KB budget (the page downloads it; the extension never does); its
//!    text and WebAssembly files are precompressed (`.gz`, `.br`) for `koltrust serve`.

use crate::exec::{self, cmd, project_root, target_dir};
use crate::tools;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `dist` produced.
pub struct Dist {
    pub extension_dir: PathBuf,
    pub firefox_dir: PathBuf,
    pub www_dir: PathBuf,
}

/// The budget for each surface's shipped WASM, gzipped (docs/performance.md): the portal's, and what the
/// extension's service worker loads at start (its first module).
const WASM_GZIP_BUDGET: u64 = 150 * 1024;
/// The room the extension's first module must leave under [`WASM_GZIP_BUDGET`], so the next feature fits.
const FIRST_MODULE_HEADROOM: u64 = 20 * 1024;
/// The extension's second module's own budget, gzipped: it is off the badge path (instantiated on first use), so
/// it is bounded like a page's download rather than by the worker's cold start (docs/performance.md).
const SECOND_MODULE_BUDGET: u64 = 150 * 1024;
/// The extension's two modules, as `dist/extension/` holds them.
const FIRST_MODULE: &str = "pkg/koltrust_bg.wasm";
const SECOND_MODULE: &str = "pkg/koltrust_lazy_bg.wasm";

pub fn run() -> Result<Dist, String> {
    let root = project_root();
    tools::ensure_wasm_target(&root)?;
    let bindgen_bin = tools::ensure_wasm_bindgen(&root)?;
    tools::ensure_npm_packages(&root)?;
    let dist = root.join("dist");
    let ext = dist.join("extension");
    if ext.exists() {
        fs::remove_dir_all(&ext).map_err(|e| format!("clearing {}: {e}", ext.display()))?;
    }
    copy_dir(&root.join("extension"), &ext)?;
    write_palette(&ext)?;
    // One after the other: both builds write the same `koltrust_wasm.wasm`, bound before the next build.
    for (features, out_name) in [("extension", "koltrust"), ("lazy", "koltrust_lazy")] {
        let raw_wasm = build_wasm(&root, &[features])?;
        bind_and_shrink(&root, &bindgen_bin, &raw_wasm, &ext.join("pkg"), "web", out_name)?;
    }
    crate::registry::bundle(&root, &ext)?;

    let version = crate_version(&root)?;
    stamp_manifest_version(&ext.join("manifest.json"), &version)?;
    let zip_path = dist.join(format!("koltrust-extension-{version}.zip"));
    write_zip(&ext, &zip_path)?;
    let firefox = build_firefox(&ext, &dist, &version)?;

    let extension = report_wasm_sizes(&ext, "extension")?;
    let (www, portal) = build_portal(&root, &bindgen_bin, &dist)?;
    println!(
        "extension: {}\nzip:       {}\nfirefox:   {}\nxpi:       {}\nportal:    {}",
        ext.display(),
        zip_path.display(),
        firefox.dir.display(),
        firefox.xpi.display(),
        www.display()
    );
    // Every figure is printed before any can fail the build, so an over-budget change shows its full cost.
    let size = |sizes: &[(String, u64)], file: &str| sizes.iter().find(|(f, _)| f == file).map_or(0, |(_, gz)| *gz);
    let first = size(&extension, FIRST_MODULE);
    let second = size(&extension, SECOND_MODULE);
    let portal_gz: u64 = portal.iter().map(|(_, gz)| gz).sum();
    let kb = |gz: u64| gz as f64 / 1024.0;
    println!(
        "extension, loaded at start (first module): {:.1} KB gzipped of {} KB, headroom {:.1} KB (at least {} KB)\n\
         extension, loaded on first use (second module): {:.1} KB gzipped of its own {} KB",
        kb(first),
        WASM_GZIP_BUDGET / 1024,
        kb(WASM_GZIP_BUDGET.saturating_sub(first)),
        FIRST_MODULE_HEADROOM / 1024,
        kb(second),
        SECOND_MODULE_BUDGET / 1024
    );
    for (what, gz, budget) in [
        (
            "extension's first module",
            first,
            WASM_GZIP_BUDGET - FIRST_MODULE_HEADROOM,
        ),
        ("extension's second module", second, SECOND_MODULE_BUDGET),
        ("portal", portal_gz, WASM_GZIP_BUDGET),
    ] {
        if gz == 0 && what != "portal" {
            return Err(format!("the {what} is missing from {}", ext.display()));
        }
        if gz > budget {
            let why = if budget < WASM_GZIP_BUDGET && gz <= WASM_GZIP_BUDGET {
                format!(
                    "within the {} KB budget but with less than {} KB of headroom",
                    WASM_GZIP_BUDGET / 1024,
                    FIRST_MODULE_HEADROOM / 1024
                )
            } else {
                format!("over its {} KB budget", budget.max(WASM_GZIP_BUDGET) / 1024)
            };
            return Err(format!(
                "the {what}'s WebAssembly is {:.1} KB gzipped, {why} (docs/performance.md)",
                kb(gz)
            ));
        }
    }
    Ok(Dist {
        extension_dir: ext,
        firefox_dir: firefox.dir,
        www_dir: www,
    })
}

/// What the Firefox build produced.
pub struct FirefoxBuild {
    /// `dist/firefox/`, the unpacked add-on (what the browser tests install).
    pub dir: PathBuf,
    /// `dist/koltrust-firefox-<version>.xpi`: the same files zipped, ready for signing or `about:debugging`.
    pub xpi: PathBuf,
}

/// Writes `dist/firefox/` from the finished Chromium build `ext` (version already stamped): the same files with
/// Firefox's manifest ([`crate::firefox::firefox_manifest`]), and its `.xpi`.
fn build_firefox(ext: &Path, dist: &Path, version: &str) -> Result<FirefoxBuild, String> {
    firefox_from(
        ext,
        &dist.join("firefox"),
        &dist.join(format!("koltrust-firefox-{version}.xpi")),
    )
}

/// The Firefox build of the finished Chromium build `ext`, in `dir`, zipped as `xpi` (also for an operator's
/// release, `release.rs`).
pub(crate) fn firefox_from(ext: &Path, dir: &Path, xpi: &Path) -> Result<FirefoxBuild, String> {
    let (dir, xpi) = (dir.to_path_buf(), xpi.to_path_buf());
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| format!("clearing {}: {e}", dir.display()))?;
    }
    copy_dir(ext, &dir)?;
    let path = dir.join("manifest.json");
    let text = fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let chromium: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let firefox = crate::firefox::firefox_manifest(&chromium)?;
    let out = serde_json::to_string_pretty(&firefox).map_err(|e| e.to_string())?;
    fs::write(&path, out + "\n").map_err(|e| format!("writing {}: {e}", path.display()))?;
    write_zip(&dir, &xpi)?;
    Ok(FirefoxBuild { dir, xpi })
}

/// `dist/www/`: the portal's static files and its own wasm build (`--features portal`); returns the folder and the
/// gzipped size of its WebAssembly.
fn build_portal(root: &Path, bindgen_bin: &Path, dist: &Path) -> Result<(PathBuf, Vec<(String, u64)>), String> {
    let raw = build_wasm(root, &["portal"])?;
    let www = dist.join("www");
    if www.exists() {
        fs::remove_dir_all(&www).map_err(|e| format!("clearing {}: {e}", www.display()))?;
    }
    copy_dir(&root.join("www"), &www)?;
    write_palette(&www)?;
    bind_and_shrink(root, bindgen_bin, &raw, &www.join("pkg"), "web", "koltrust")?;
    let gz = report_wasm_sizes(&www, "portal")?;
    precompress(&www)?;
    Ok((www, gz))
}

/// Builds the glue crate (`wasm/`, with the core inside) for wasm32 with the size-optimised profile and the given
/// features (`extension`, `portal`, `bench`); returns the path of the raw `.wasm`.
pub fn build_wasm(root: &Path, features: &[&str]) -> Result<PathBuf, String> {
    let mut build = cmd("cargo", root);
    build.args([
        "build",
        "--profile",
        "wasm-release",
        "--target",
        tools::WASM_TARGET,
        "--package",
        "koltrust-wasm",
        "--lib",
        "--features",
        &features.join(","),
    ]);
    exec::run(&mut build, "building the wasm core")?;
    Ok(target_dir(root)
        .join(tools::WASM_TARGET)
        .join("wasm-release")
        .join("koltrust_wasm.wasm"))
}

/// Runs the pinned wasm-bindgen (`--target web` for the extension, `nodejs` for the benchmark harness) into `out`
/// as `<out_name>.js` and `<out_name>_bg.wasm`, then `wasm-opt -Oz` on the result.
pub fn bind_and_shrink(
    root: &Path,
    bindgen_bin: &Path,
    raw_wasm: &Path,
    out: &Path,
    target: &str,
    out_name: &str,
) -> Result<(), String> {
    exec::run(
        cmd(
            bindgen_bin.join("wasm-bindgen").to_str().unwrap_or("wasm-bindgen"),
            root,
        )
        // `--out-name koltrust`: the pages import `pkg/koltrust.js` whatever the glue crate is called (and the
        // extension's second module `pkg/koltrust_lazy.js`).
        .args([
            "--target",
            target,
            "--no-typescript",
            "--out-name",
            out_name,
            "--out-dir",
        ])
        .arg(out)
        .arg(raw_wasm),
        "wasm-bindgen",
    )?;
    let bound = out.join(format!("{out_name}_bg.wasm"));
    exec::run(
        cmd(
            root.join("node_modules/.bin/wasm-opt").to_str().unwrap_or("wasm-opt"),
            root,
        )
        .args([
            "-Oz",
            // Repeat the passes while they still shrink the module (measured: -0.2 KB gzipped).
            "--converge",
            // Lets wasm-opt fold small constant offsets into loads and stores (measured: -0.7 KB gzipped). Sound
            // for Rust's output: it assumes no access lands in the lowest 1 KiB through an address that wrapped
            // around zero, and Rust's wasm32 layout keeps that area as the bottom of a 1 MiB stack that grows down
            // to it only on overflow; no Rust code computes addresses by wrapping through zero.
            "--low-memory-unused",
            "--strip-debug",
            "--strip-producers",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
        ])
        .arg(&bound)
        .arg("-o")
        .arg(&bound),
        "wasm-opt",
    )
}

/// The workspace's one version (the first `version =` line of the root manifest: `[workspace.package]`).
pub(crate) fn crate_version(root: &Path) -> Result<String, String> {
    let manifest = fs::read_to_string(root.join("Cargo.toml")).map_err(|e| format!("reading Cargo.toml: {e}"))?;
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \"").and_then(|v| v.strip_suffix('"')))
        .map(str::to_string)
        .ok_or_else(|| "Cargo.toml has no package version".into())
}

/// Writes the crate version into the copied manifest so the extension and the core can never disagree.
fn stamp_manifest_version(manifest: &Path, version: &str) -> Result<(), String> {
    let text = fs::read_to_string(manifest).map_err(|e| format!("reading {}: {e}", manifest.display()))?;
    let mut json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{} is not valid JSON: {e}", manifest.display()))?;
    json["version"] = serde_json::Value::String(version.to_string());
    let out = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
    fs::write(manifest, out + "\n").map_err(|e| format!("writing {}: {e}", manifest.display()))
}

/// Writes `<file>.gz` and `<file>.br` beside every text and WebAssembly file of the portal, which `koltrust serve`
/// sends to browsers that accept them (its WebAssembly is ~300 KB raw, ~125 KB gzipped, less with brotli).
/// Compressed once here at the best levels, so the server spends nothing per request.
fn precompress(dir: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    files_under(dir, &mut files)?;
    for f in files {
        let compressible = f.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            matches!(
                e,
                "wasm" | "js" | "css" | "html" | "json" | "webmanifest" | "svg" | "txt"
            )
        });
        if !compressible {
            continue;
        }
        let bytes = fs::read(&f).map_err(|e| format!("reading {}: {e}", f.display()))?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).map_err(|e| e.to_string())?;
        let gz = gz.finish().map_err(|e| e.to_string())?;
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
            w.write_all(&bytes).map_err(|e| e.to_string())?;
        }
        for (ext, data) in [("gz", gz), ("br", br)] {
            let mut name = f.as_os_str().to_owned();
            name.push(".");
            name.push(ext);
            fs::write(PathBuf::from(&name), data)
                .map_err(|e| format!("writing {}: {e}", PathBuf::from(&name).display()))?;
        }
    }
    Ok(())
}

/// Writes the core's state colours (`koltrust::views::palette::PALETTE_CSS`) as `palette.css`: every surface of
/// the extension and the portal takes its state colours from this one file, and the WebAssembly does not carry it.
fn write_palette(dir: &Path) -> Result<(), String> {
    let path = dir.join("palette.css");
    fs::write(&path, koltrust::views::palette::PALETTE_CSS).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// Copies a source folder into `dist/`, leaving out what only the type check reads (`*.d.ts`, `types/` folders): they
/// are not shipped.
pub(crate) fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("creating {}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("reading {}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".d.ts") || (path.is_dir() && name == "types") {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            fs::copy(&path, &dest).map_err(|e| format!("copying {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

pub(crate) fn write_zip(dir: &Path, zip_path: &Path) -> Result<(), String> {
    let file = fs::File::create(zip_path).map_err(|e| format!("creating {}: {e}", zip_path.display()))?;
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut files = Vec::new();
    files_under(dir, &mut files)?;
    for f in files {
        let name = f
            .strip_prefix(dir)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(&fs::read(&f).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    }
    zip.finish()
        .map_err(|e| format!("finishing {}: {e}", zip_path.display()))?;
    Ok(())
}

/// Prints each shipped `.wasm` under `ext`, raw and gzipped, and their total; returns each one's gzipped size by
/// its path under `ext` (`pkg/…`, `/`-separated). The caller checks them against their budgets.
pub fn report_wasm_sizes(ext: &Path, what: &str) -> Result<Vec<(String, u64)>, String> {
    let mut files = Vec::new();
    files_under(ext, &mut files)?;
    let mut total_gz = 0;
    let mut sizes = Vec::new();
    println!("\nshipped WebAssembly, {what}:");
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "wasm")) {
        let bytes = fs::read(f).map_err(|e| e.to_string())?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).map_err(|e| e.to_string())?;
        let gz_len = gz.finish().map_err(|e| e.to_string())?.len() as u64;
        total_gz += gz_len;
        let name = f.strip_prefix(ext).unwrap_or(f).to_string_lossy().replace('\\', "/");
        println!(
            "  {:<40} {:>9} bytes raw  {:>8} bytes gzipped ({:.1} KB)",
            name,
            bytes.len(),
            gz_len,
            gz_len as f64 / 1024.0
        );
        sizes.push((name, gz_len));
    }
    println!("  total gzipped: {:.1} KB", total_gz as f64 / 1024.0);
    Ok(sizes)
}
