//! `koltrust`: the native command-line face of the KOL Trust core. Each subcommand is a thin adapter that reads
//! files or standard input, calls the core, and prints; the decisions are the core's.

use clap::{Parser, Subcommand};
use koltrust::i18n::Lang;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "koltrust",
    version,
    about = "KOL Trust — Digital Trust Alliance badges for influencer profiles / huy hiệu Liên minh Tín nhiệm số cho KOL",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show the badge the extension would draw for each URL (built-in demo data until the registry lands).
    Badge {
        /// Profile or post URLs.
        #[arg(required = true)]
        urls: Vec<String>,
        /// Language of the labels: vi (default) or en.
        #[arg(long, default_value = "vi")]
        lang: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Badge { urls, lang } => {
            let lang = Lang::from_tag(&lang);
            for (url, answer) in urls.iter().zip(koltrust::lookup::lookup_links(&urls, lang, Default::default())) {
                match answer {
                    Some(a) => println!("{url}\t{} {}\t{}", a.badge.icon, a.badge.label, a.badge.title),
                    None => println!("{url}\t-"),
                }
            }
            ExitCode::SUCCESS
        }
    }
}
