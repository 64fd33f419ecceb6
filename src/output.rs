//! Rendering of command results: tables for people, JSON for scripts, CSV for lists.
//!
//! Commands build an [`Output`] from model records; nothing else in the crate prints
//! (apart from `main`'s error line and the prompts).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};

use comfy_table::{Cell, Color, ContentArrangement, Table as ComfyTable, presets};
use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;

use apikey_core::error::{Error, Result};
use apikey_core::model::{
    ApiKey, AuditEvent, Client, IssuedKey, LoginVerdict, Permission, Role, User, Verdict,
};

/// Whether `c` must not reach a terminal raw: a control character (C0, DEL, C1: escape
/// sequences start with one) or a bidirectional override that reorders what follows.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character and bidirectional override escaped as Rust
/// writes it (`\u{1b}`, `\n`), so that stored or scanned text can neither move the
/// cursor, recolour the terminal nor break a table's lines.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_but(text, false)
}

/// Like [`escape`], keeping newlines when `keep_newlines` (multi-line messages).
fn escape_but(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) && c.is_control() {
            out.extend(c.escape_debug());
        } else if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How results are printed (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A table on a terminal, plain aligned text otherwise.
    Table,
    /// JSON: an array for lists, an object otherwise.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

/// What a command produced: a JSON value for scripts, a view for people, notices for
/// standard error and the exit code (0, or 5 for a denial).
pub struct Output {
    json: Value,
    view: View,
    notices: Vec<String>,
    trailer: Option<String>,
    essential: Option<String>,
    exit_code: u8,
    /// The ids of the new keys whose secrets this output delivers.
    secret_keys: Vec<String>,
}

/// Feeds rows, as (JSON, cells), to the renderer's callback.
type RowSource = Box<dyn FnOnce(&mut dyn FnMut(Value, Vec<String>) -> Result<()>) -> Result<()>>;

/// The human form of an [`Output`].
enum View {
    /// One line of text.
    Message(String),
    /// A record as `field value` lines, optionally followed by a titled table.
    Record {
        heading: Option<String>,
        fields: Vec<(String, String)>,
        table: Option<(String, Table)>,
    },
    /// Text printed as it is in every format (e.g. an exported file).
    Raw(String),
    /// A list produced while it is printed, so JSON and CSV output never hold it whole.
    Stream {
        columns: &'static [&'static str],
        source: RowSource,
    },
}

/// Header and rows; headers are JSON field names (`created_at`), shown upper-cased.
#[derive(Debug, Default)]
pub struct Table {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

/// A record that lists as one table row.
pub trait Row: Serialize {
    /// Column names, in JSON field spelling.
    const COLUMNS: &'static [&'static str];
    /// The cells, in [`Row::COLUMNS`] order; empty for "none" (tables show `-`).
    fn cells(&self) -> Vec<String>;
}

/// A record shown on its own, as `field value` lines.
pub trait Record: Serialize {
    /// Labelled values, in display order.
    fn fields(&self) -> Vec<(&'static str, String)>;
}

impl Table {
    /// A table of `rows` with `T`'s columns.
    pub fn of<T: Row>(rows: &[T]) -> Table {
        Table {
            headers: T::COLUMNS.to_vec(),
            rows: rows.iter().map(Row::cells).collect(),
        }
    }
}

impl Output {
    /// A list: a JSON array, a table, or CSV.
    pub fn list<T: Row>(items: &[T]) -> Result<Output> {
        let rows = items
            .iter()
            .map(|item| Ok((to_json(item)?, item.cells())))
            .collect::<Result<Vec<_>>>()?;
        let source: RowSource = Box::new(move |sink| {
            rows.into_iter()
                .try_for_each(|(json, cells)| sink(json, cells))
        });
        Ok(Output::new(
            Value::Null,
            View::Stream {
                columns: T::COLUMNS,
                source,
            },
        ))
    }

    /// A list whose rows `source` produces during rendering: it calls its argument once
    /// per row. JSON and CSV stream; a table collects the rows first (it needs widths).
    pub fn stream<T, F>(source: F) -> Output
    where
        T: Row,
        F: FnOnce(&mut dyn FnMut(&T) -> Result<()>) -> Result<()> + 'static,
    {
        let source: RowSource =
            Box::new(move |sink| source(&mut |row: &T| sink(to_json(row)?, row.cells())));
        Output::new(
            Value::Null,
            View::Stream {
                columns: T::COLUMNS,
                source,
            },
        )
    }

    /// One record: a JSON object, or `field value` lines.
    pub fn record<T: Record>(item: &T) -> Result<Output> {
        let fields = own_fields(item.fields());
        Ok(Output::new(
            to_json(item)?,
            View::Record {
                heading: None,
                fields,
                table: None,
            },
        ))
    }

    /// A short confirmation for people; scripts get `json`.
    pub fn message(text: impl Into<String>, json: Value) -> Output {
        Output::new(json, View::Message(text.into()))
    }

    /// Text printed as it is, whatever the format (it already is JSON or TOML).
    pub fn raw(text: String) -> Output {
        Output::new(Value::Null, View::Raw(text))
    }

    fn new(json: Value, view: View) -> Output {
        Output {
            json,
            view,
            notices: Vec::new(),
            trailer: None,
            essential: None,
            exit_code: 0,
            secret_keys: Vec::new(),
        }
    }

    /// Marks this output as the only delivery of these new keys' secrets: if it cannot
    /// be written, the keys are revoked (see `apikey::commands::undelivered`).
    pub fn delivering_secrets_of(mut self, key_ids: Vec<String>) -> Output {
        self.secret_keys = key_ids;
        self
    }

    /// The new keys whose secrets this output delivers.
    pub fn secret_keys(&self) -> &[String] {
        &self.secret_keys
    }

    /// Sets what `--quiet` prints instead of the human view (a new key's secret).
    pub fn with_essential(mut self, text: impl Into<String>) -> Output {
        self.essential = Some(text.into());
        self
    }

    /// Adds text after the human view (people only; the JSON carries it already).
    pub fn with_trailer(mut self, text: impl Into<String>) -> Output {
        self.trailer = Some(text.into());
        self
    }

    /// Puts a heading line above a record's fields (people only).
    pub fn with_heading(mut self, text: impl Into<String>) -> Output {
        if let View::Record { heading, .. } = &mut self.view {
            *heading = Some(text.into());
        }
        self
    }

    /// Appends a titled table below a record's fields (people only; the JSON carries it
    /// already).
    pub fn with_table(mut self, title: impl Into<String>, extra: Table) -> Output {
        if let View::Record { table, .. } = &mut self.view {
            *table = Some((title.into(), extra));
        }
        self
    }

    /// Adds a line for standard error, printed in every format.
    pub fn with_notice(mut self, text: impl Into<String>) -> Output {
        self.notices.push(text.into());
        self
    }

    /// Sets the exit code (5 for a denial).
    pub fn with_exit_code(mut self, code: u8) -> Output {
        self.exit_code = code;
        self
    }

    /// Writes the result in `format` to `out`, and notices to `err`.
    ///
    /// `screen.terminal` selects bordered tables fitted to the width (and colour unless
    /// `NO_COLOR` is set) over plain aligned text. `quiet` keeps, of the human form,
    /// only lists and the essential value (a new secret); notices such as the warning
    /// beside a secret still go to standard error.
    ///
    /// Returns the exit code the process should end with.
    ///
    /// # Errors
    /// I/O errors from the writers; store errors from a streamed list.
    pub fn render(
        mut self,
        format: Format,
        screen: Screen,
        quiet: bool,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<u8> {
        let exit_code = self.exit_code;
        // `--limit` and `--sort` apply to every list.
        self.view = match std::mem::replace(&mut self.view, View::Message(String::new())) {
            View::Stream { columns, source } => View::Stream {
                columns,
                source: screen.list.shape(columns, source)?,
            },
            other => other,
        };
        self.render_to(format, screen, quiet, out, err)?;
        Ok(exit_code)
    }

    fn render_to(
        self,
        format: Format,
        screen: Screen,
        quiet: bool,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<()> {
        for notice in &self.notices {
            writeln!(err, "apikey: {}", escape(notice))?;
        }
        if quiet
            && format == Format::Table
            && !matches!(self.view, View::Raw(_) | View::Stream { .. })
        {
            if let Some(essential) = &self.essential {
                writeln!(out, "{}", escape(essential))?;
            }
            out.flush()?;
            return Ok(());
        }
        if quiet && format == Format::Table {
            // `--quiet` lists print one identifier (the first column) per line, and
            // nothing at all when empty: `for id in $(apikey -q key list)` sees only ids.
            if let View::Stream { source, .. } = self.view {
                source(&mut |_, cells| {
                    writeln!(out, "{}", escape(cells.first().map_or("", String::as_str)))?;
                    Ok(())
                })?;
                out.flush()?;
                return Ok(());
            }
        }
        if let View::Raw(text) = &self.view {
            writeln!(out, "{}", text.trim_end())?;
            out.flush()?;
            return Ok(());
        }
        if let View::Stream { columns, source } = self.view {
            return match format {
                Format::Json => stream_json(source, out),
                Format::Csv => stream_csv(columns, screen.headers, source, out),
                Format::Table => {
                    let mut table = Table {
                        headers: columns.to_vec(),
                        rows: Vec::new(),
                    };
                    source(&mut |_, cells| {
                        table.rows.push(cells);
                        Ok(())
                    })?;
                    write_table(out, err, &table, screen)?;
                    Ok(out.flush()?)
                }
            };
        }
        match format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &self.json)
                    .map_err(|e| Error::from(std::io::Error::from(e)))?;
                writeln!(out)?;
            }
            Format::Csv => self.render_csv(screen.headers, out)?,
            Format::Table => self.render_human(screen, out, err)?,
        }
        out.flush()?;
        Ok(())
    }

    fn render_csv(&self, headers: bool, out: &mut dyn Write) -> Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        match &self.view {
            View::Record { fields, .. } => {
                if headers {
                    writer
                        .write_record(fields.iter().map(|(k, _)| k))
                        .map_err(csv_error)?;
                }
                writer
                    .write_record(fields.iter().map(|(_, v)| escape(v).into_owned()))
                    .map_err(csv_error)?;
            }
            View::Message(text) => {
                if headers {
                    writer.write_record(["message"]).map_err(csv_error)?;
                }
                writer
                    .write_record([escape_but(text, true).as_ref()])
                    .map_err(csv_error)?;
            }
            View::Raw(text) => {
                if headers {
                    writer.write_record(["message"]).map_err(csv_error)?;
                }
                writer.write_record([text]).map_err(csv_error)?;
            }
            View::Stream { .. } => {}
        }
        writer.flush()?;
        Ok(())
    }

    fn render_human(&self, screen: Screen, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
        match &self.view {
            View::Message(text) => writeln!(out, "{}", escape_but(text, true))?,
            View::Raw(text) => writeln!(out, "{text}")?,
            View::Stream { .. } => {}
            View::Record {
                heading,
                fields,
                table,
            } => {
                if let Some(heading) = heading {
                    writeln!(out, "{}", escape_but(heading, true))?;
                }
                let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
                for (key, value) in fields {
                    writeln!(out, "{key:width$}  {}", escape(value))?;
                }
                if let Some((title, table)) = table {
                    writeln!(out, "\n{}:", escape(title))?;
                    if table.rows.is_empty() {
                        // Part of a record's human view, not a list a script reads.
                        writeln!(out, "(none)")?;
                    } else {
                        write_table(out, err, table, screen)?;
                    }
                }
            }
        }
        if let Some(trailer) = &self.trailer {
            writeln!(out, "\n{}", escape_but(trailer, true))?;
        }
        Ok(())
    }
}

/// Writes streamed rows as a pretty JSON array, one element at a time.
fn stream_json(source: RowSource, out: &mut dyn Write) -> Result<()> {
    let mut first = true;
    write!(out, "[")?;
    source(&mut |json, _| {
        let text = serde_json::to_string_pretty(&json)
            .map_err(|e| Error::from(std::io::Error::from(e)))?;
        write!(
            out,
            "{}\n  {}",
            if first { "" } else { "," },
            text.replace('\n', "\n  ")
        )?;
        first = false;
        Ok(())
    })?;
    writeln!(out, "{}]", if first { "" } else { "\n" })?;
    Ok(out.flush()?)
}

/// Writes streamed rows as CSV with a header.
fn stream_csv(
    columns: &[&str],
    headers: bool,
    source: RowSource,
    out: &mut dyn Write,
) -> Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    if headers {
        writer.write_record(columns).map_err(csv_error)?;
    }
    source(&mut |_, cells| {
        writer
            .write_record(cells.iter().map(|c| escape(c).into_owned()))
            .map_err(csv_error)
    })?;
    writer.flush()?;
    Ok(())
}

/// Keeps an I/O error's kind: a closed pipe must stay recognisable.
fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::from(io),
        other => Error::from(io::Error::other(format!("{other:?}"))),
    }
}

/// Whether standard output is a terminal (tables with borders) or not (plain text).
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// `--limit` and `--sort`: how many rows of a list, in which order.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListShape {
    /// At most this many rows.
    pub limit: Option<u64>,
    /// Sort by this column (a JSON field name of the list's rows), ascending; numbers
    /// compare as numbers.
    pub sort: Option<&'static str>,
}

impl ListShape {
    /// `source` with the shape applied. Without `--sort` the rows still stream; sorting
    /// collects them first.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the columns when `sort` is not one of `columns`.
    fn shape(self, columns: &'static [&'static str], source: RowSource) -> Result<RowSource> {
        let sort = match self.sort {
            Some(field) => Some(columns.iter().position(|c| *c == field).ok_or_else(|| {
                Error::invalid(format!(
                    "cannot sort by '{field}': this list's fields are {}",
                    columns.join(", ")
                ))
            })?),
            None => None,
        };
        let limit = self
            .limit
            .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
        if sort.is_none() && self.limit.is_none() {
            return Ok(source);
        }
        Ok(Box::new(move |sink| match sort {
            None => {
                let mut left = limit;
                source(&mut |json, cells| {
                    if left == 0 {
                        return Ok(());
                    }
                    left -= 1;
                    sink(json, cells)
                })
            }
            Some(column) => {
                let mut rows = Vec::new();
                source(&mut |json, cells| {
                    rows.push((json, cells));
                    Ok(())
                })?;
                rows.sort_by(|(_, a), (_, b)| compare_cells(&a[column], &b[column]));
                rows.into_iter()
                    .take(limit)
                    .try_for_each(|(json, cells)| sink(json, cells))
            }
        }))
    }
}

/// Numbers as numbers, everything else as text.
fn compare_cells(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.total_cmp(&y),
        _ => a.cmp(b),
    }
}

/// How tables are laid out: on a terminal or not, its width, and the user's choices.
#[derive(Debug, Clone, Copy)]
pub struct Screen {
    /// Standard output is a terminal: bordered tables fitted to `width`, colour.
    pub terminal: bool,
    /// The terminal's width in columns (`COLUMNS`, else as detected), if known.
    pub width: Option<u16>,
    /// `--wide`: every column, nothing hidden or wrapped.
    pub wide: bool,
    /// Print the header row (not with `--no-headers`).
    pub headers: bool,
    /// `--limit` and `--sort`.
    pub list: ListShape,
}

impl Screen {
    /// The screen of this process: standard output's terminal (its width from `COLUMNS`
    /// when set, as `ls` and `git` honour it), with the user's `wide` and `headers`.
    pub fn detect(wide: bool, headers: bool, list: ListShape) -> Screen {
        let terminal = stdout_is_terminal();
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok())
            .filter(|w| *w > 0);
        Screen {
            terminal,
            width,
            wide,
            headers,
            list,
        }
    }

    fn color(self) -> bool {
        self.terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    }
}

/// Writes `table`; an empty one says `(none)` on a terminal, and on standard error
/// otherwise (a script reading standard output must not take it for data).
fn write_table(
    out: &mut dyn Write,
    err: &mut dyn Write,
    table: &Table,
    screen: Screen,
) -> Result<()> {
    if table.rows.is_empty() {
        if screen.terminal {
            writeln!(out, "(none)")?;
        } else {
            writeln!(err, "(none)")?;
        }
        return Ok(());
    }
    for line in comfy(table, screen).lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Columns whose values are never wrapped: identifiers and times, which are useless cut
/// across lines.
const UNBROKEN: &[&str] = &[
    "id",
    "key",
    "hint",
    "seq",
    "email",
    "status",
    "created_at",
    "updated_at",
    "expires_at",
    "revoked_at",
    "last_used_at",
    "last_login_at",
    "at",
];

fn comfy(table: &Table, screen: Screen) -> ComfyTable {
    let mut t = ComfyTable::new();
    if screen.terminal {
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(if screen.wide {
                ContentArrangement::Disabled
            } else {
                ContentArrangement::Dynamic
            });
        if let Some(width) = screen.width {
            t.set_width(width);
        }
    } else {
        t.load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .force_no_tty();
    }
    if screen.headers {
        t.set_header(
            table
                .headers
                .iter()
                .map(|h| h.replace('_', " ").to_uppercase()),
        );
    }
    let status_column = table.headers.iter().position(|h| *h == "status");
    let color = screen.color();
    for row in &table.rows {
        t.add_row(row.iter().enumerate().map(|(i, value)| {
            let cell = Cell::new(if value.is_empty() {
                Cow::Borrowed("-")
            } else {
                escape(value)
            });
            match (color, Some(i) == status_column) {
                (true, true) => cell.fg(status_color(value)),
                _ => cell,
            }
        }));
    }
    if !screen.terminal {
        // Plain output: no padding before the first column, two spaces between columns.
        for column in t.column_iter_mut() {
            column.set_padding((0, 2));
        }
    } else if !screen.wide {
        fit(&mut t, table, screen.width);
    }
    t
}

/// Fits a terminal table to the width: identifiers and times never wrap, and while the
/// table is too wide the rightmost other columns are hidden (`--wide` shows them all).
fn fit(t: &mut ComfyTable, table: &Table, width: Option<u16>) {
    use comfy_table::ColumnConstraint;
    let Some(width) = width.or_else(|| t.width()) else {
        return;
    };
    let widths = t.column_max_content_widths();
    let unbroken: Vec<bool> = table.headers.iter().map(|h| UNBROKEN.contains(h)).collect();
    let mut shown = vec![true; widths.len()];
    // Hide from the right, never the first column. Columns that may wrap count at most
    // 12 characters; identifiers and times at their full width. Each column adds its
    // rule and padding (3), the table one closing rule.
    let squeezed = |shown: &[bool]| -> usize {
        shown
            .iter()
            .zip(&widths)
            .zip(&unbroken)
            .filter(|((s, _), _)| **s)
            .map(|((_, w), u)| if *u { usize::from(*w) } else { usize::from(*w).min(12) } + 3)
            .sum::<usize>()
            + 1
    };
    for i in (1..shown.len()).rev() {
        if squeezed(&shown) <= usize::from(width) {
            break;
        }
        shown[i] = false;
    }
    for (i, column) in t.column_iter_mut().enumerate() {
        if !shown[i] {
            column.set_constraint(ColumnConstraint::Hidden);
        } else if unbroken[i] {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
}

fn status_color(status: &str) -> Color {
    match status {
        "active" => Color::Green,
        "revoked" => Color::Red,
        _ => Color::Yellow,
    }
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| Error::from(std::io::Error::from(e)))
}

fn own_fields(fields: Vec<(&'static str, String)>) -> Vec<(String, String)> {
    fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn time(ts: Option<Timestamp>) -> String {
    ts.map_or_else(|| "-".to_owned(), |t| t.to_string())
}

fn or_dash(text: &str) -> String {
    if text.is_empty() {
        "-".to_owned()
    } else {
        text.to_owned()
    }
}

fn uses(key: &ApiKey) -> String {
    match key.max_uses {
        Some(max) => format!("{}/{max}", key.use_count),
        None => key.use_count.to_string(),
    }
}

fn pairs(map: &BTreeMap<String, String>) -> String {
    if map.is_empty() {
        return "-".to_owned();
    }
    map.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

/// A client's key counts as cells: blank where they were not counted.
fn counts(client: &Client) -> (String, String) {
    client.keys.map_or_else(Default::default, |k| {
        (k.active_keys.to_string(), k.total_keys.to_string())
    })
}

impl Row for Client {
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "description",
        "status",
        "roles",
        "active_keys",
        "total_keys",
        "created_at",
    ];
    fn cells(&self) -> Vec<String> {
        let (active, total) = counts(self);
        vec![
            self.name.clone(),
            self.description.clone(),
            self.status.as_str().to_owned(),
            list(&self.roles),
            active,
            total,
            self.created_at.to_string(),
        ]
    }
}

impl Record for Client {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![
            ("id", self.id.clone()),
            ("name", self.name.clone()),
            ("description", or_dash(&self.description)),
            ("status", self.status.as_str().to_owned()),
            ("roles", or_dash(&list(&self.roles))),
        ];
        if let Some(k) = self.keys {
            fields.push((
                "keys",
                format!("{} active, {} in all", k.active_keys, k.total_keys),
            ));
        }
        fields.push(("created_at", self.created_at.to_string()));
        fields.push(("updated_at", self.updated_at.to_string()));
        fields
    }
}

impl Row for ApiKey {
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "client",
        "label",
        "hint",
        "status",
        "created_at",
        "expires_at",
        "last_used_at",
        "uses",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.client.clone(),
            self.label.clone(),
            self.hint.clone(),
            self.status.as_str().to_owned(),
            self.created_at.to_string(),
            self.expires_at.map(|t| t.to_string()).unwrap_or_default(),
            self.last_used_at.map(|t| t.to_string()).unwrap_or_default(),
            uses(self),
        ]
    }
}

impl Record for ApiKey {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![
            ("id", self.id.clone()),
            ("client", self.client.clone()),
            ("label", or_dash(&self.label)),
            ("hint", self.hint.clone()),
            ("status", self.status.as_str().to_owned()),
            ("created_at", self.created_at.to_string()),
            ("expires_at", time(self.expires_at)),
        ];
        if let Some(revoked) = self.revoked_at {
            fields.push(("revoked_at", revoked.to_string()));
            fields.push((
                "revoked_reason",
                or_dash(self.revoked_reason.as_deref().unwrap_or("")),
            ));
        }
        fields.extend([
            ("disabled", self.disabled.to_string()),
            ("uses", uses(self)),
            ("last_used_at", time(self.last_used_at)),
            (
                "allowed_ips",
                if self.allowed_ips.is_empty() {
                    "any".to_owned()
                } else {
                    self.allowed_ips.join(", ")
                },
            ),
            ("metadata", pairs(&self.metadata)),
            (
                "rate_limit",
                self.rate_limit
                    .map_or_else(|| "none".to_owned(), |r| r.to_string()),
            ),
        ]);
        if let Some(from) = &self.rotated_from {
            fields.push(("rotated_from", from.clone()));
        }
        if self.imported {
            fields.push(("imported", "true".to_owned()));
        }
        fields
    }
}

impl Record for IssuedKey {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = self.key.fields();
        fields.push(("secret", self.secret.expose().to_owned()));
        fields
    }
}

impl Record for Verdict {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![("result", self.result.as_str().to_owned())];
        if let Some(reason) = &self.reason {
            fields.push(("reason", reason.clone()));
        }
        if let Some(id) = &self.key_id {
            fields.push(("id", id.clone()));
        }
        if let Some(client) = &self.client {
            fields.push(("client", client.clone()));
        }
        if let Some(missing) = &self.missing_permissions {
            fields.push(("missing_permissions", list(missing)));
        }
        if self.valid {
            fields.push((
                "roles",
                or_dash(&list(self.roles.as_deref().unwrap_or_default())),
            ));
            fields.push((
                "permissions",
                or_dash(&list(self.permissions.as_deref().unwrap_or_default())),
            ));
            fields.push(("expires_at", time(self.expires_at)));
            if let Some(left) = self.remaining_uses {
                fields.push(("remaining_uses", left.to_string()));
            }
            if let Some(meta) = &self.metadata {
                fields.push(("metadata", pairs(meta)));
            }
        }
        fields
    }
}

/// A row's cells as `field value` pairs, for records whose detail view is their row.
fn row_fields<T: Row>(item: &T) -> Vec<(&'static str, String)> {
    T::COLUMNS
        .iter()
        .copied()
        .zip(item.cells())
        .map(|(k, v)| (k, or_dash(&v)))
        .collect()
}

impl Row for Permission {
    const COLUMNS: &'static [&'static str] = &["name", "description", "roles", "created_at"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.description.clone(),
            list(&self.roles),
            self.created_at.to_string(),
        ]
    }
}

impl Record for Permission {
    fn fields(&self) -> Vec<(&'static str, String)> {
        with_id(&self.id, row_fields(self))
    }
}

/// A record's fields with its public id first.
fn with_id(id: &str, mut fields: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    fields.insert(0, ("id", id.to_owned()));
    fields
}

impl Row for Role {
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "description",
        "permissions",
        "clients",
        "users",
        "created_at",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.description.clone(),
            list(&self.permissions),
            list(&self.clients),
            list(&self.users),
            self.created_at.to_string(),
        ]
    }
}

impl Record for Role {
    fn fields(&self) -> Vec<(&'static str, String)> {
        with_id(&self.id, row_fields(self))
    }
}

impl Row for User {
    const COLUMNS: &'static [&'static str] = &[
        "email",
        "name",
        "status",
        "roles",
        "has_password",
        "created_at",
        "last_login_at",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.email.clone(),
            self.name.clone(),
            self.status.as_str().to_owned(),
            list(&self.roles),
            self.has_password.to_string(),
            self.created_at.to_string(),
            self.last_login_at
                .map(|t| t.to_string())
                .unwrap_or_default(),
        ]
    }
}

impl Record for User {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = with_id(&self.id, row_fields(self));
        fields.push(("updated_at", self.updated_at.to_string()));
        fields
    }
}

impl Record for LoginVerdict {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![("result", self.result.to_owned())];
        if let Some(email) = &self.email {
            fields.push(("email", email.clone()));
        }
        if let Some(name) = &self.name {
            fields.push(("name", or_dash(name)));
        }
        if let Some(roles) = &self.roles {
            fields.push(("roles", or_dash(&list(roles))));
        }
        if let Some(permissions) = &self.permissions {
            fields.push(("permissions", or_dash(&list(permissions))));
        }
        fields
    }
}

impl Row for AuditEvent {
    const COLUMNS: &'static [&'static str] = &["seq", "at", "actor", "action", "target", "details"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.seq.to_string(),
            self.at.to_string(),
            self.actor.clone(),
            self.action.clone(),
            self.target.clone(),
            self.details.to_string(),
        ]
    }
}
