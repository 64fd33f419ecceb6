//! `/doc`: an HTML reference rendered from the OpenAPI document, with no script, font
//! or stylesheet from elsewhere (it works air-gapped).

use std::fmt::Write;

use serde_json::Value;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

/// A schema's type in words: `ClientBody`, `array of string`, `string`.
fn type_name(schema: &Value) -> String {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return r.rsplit('/').next().unwrap_or(r).to_owned();
    }
    if let Some(items) = schema.get("items") {
        return format!("array of {}", type_name(items));
    }
    for combinator in ["oneOf", "anyOf", "allOf"] {
        if let Some(list) = schema.get(combinator).and_then(Value::as_array) {
            let names: Vec<String> = list.iter().map(type_name).filter(|n| n != "null").collect();
            return names.join(" or ");
        }
    }
    match schema.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "object".to_owned(),
    }
}

/// Renders the page for `openapi` (the document as JSON).
pub fn render(openapi: &Value) -> String {
    let info = &openapi["info"];
    let title = escape(text(info, "title"));
    let mut html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>\
         body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}}\
         code,pre{{font-family:ui-monospace,monospace}} table{{border-collapse:collapse;margin:.5rem 0}}\
         td,th{{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}}\
         .m{{font-weight:bold;text-transform:uppercase}} section{{border-top:1px solid #ddd;margin-top:1.5rem}}\
         </style></head><body>\n<h1>{title} <small>{}</small></h1>\n<p>{}</p>\n\
         <p>The machine-readable document: <a href=\"/openapi.json\">/openapi.json</a> (OpenAPI {}).</p>\n",
        escape(text(info, "version")),
        escape(text(info, "description")),
        escape(text(openapi, "openapi")),
    );
    html.push_str("<h2>Endpoints</h2>\n<ul>\n");
    let paths = openapi["paths"].as_object().cloned().unwrap_or_default();
    for (path, ops) in &paths {
        for (method, op) in ops.as_object().into_iter().flatten() {
            let _ = writeln!(
                html,
                "<li><a href=\"#{}\"><span class=\"m\">{}</span> <code>{}</code></a> — {}</li>",
                escape(&anchor(method, path)),
                escape(method),
                escape(path),
                escape(text(op, "summary"))
            );
        }
    }
    html.push_str("</ul>\n");
    for (path, ops) in &paths {
        for (method, op) in ops.as_object().into_iter().flatten() {
            render_operation(&mut html, method, path, op);
        }
    }
    html.push_str("<h2>Schemas</h2>\n");
    let schemas = openapi["components"]["schemas"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (name, schema) in &schemas {
        let _ = writeln!(
            html,
            "<section id=\"schema-{0}\"><h3>{0}</h3><p>{1}</p>",
            escape(name),
            escape(text(schema, "description"))
        );
        let required: Vec<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if let Some(props) = schema["properties"].as_object() {
            html.push_str("<table><tr><th>field</th><th>type</th><th>required</th><th>description</th></tr>\n");
            for (field, prop) in props {
                let _ = writeln!(
                    html,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(field),
                    escape(&type_name(prop)),
                    if required.contains(&field.as_str()) {
                        "yes"
                    } else {
                        ""
                    },
                    escape(text(prop, "description"))
                );
            }
            html.push_str("</table>\n");
        }
        html.push_str("</section>\n");
    }
    html.push_str("</body></html>\n");
    html
}

fn anchor(method: &str, path: &str) -> String {
    format!(
        "{method}-{}",
        path.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
    )
}

fn render_operation(html: &mut String, method: &str, path: &str, op: &Value) {
    let _ = writeln!(
        html,
        "<section id=\"{}\"><h3><span class=\"m\">{}</span> <code>{}</code></h3>\n<p>{}</p>",
        escape(&anchor(method, path)),
        escape(method),
        escape(path),
        escape(text(op, "description")).replace("\n\n", "</p><p>")
    );
    if let Some(params) = op["parameters"].as_array() {
        html.push_str("<table><tr><th>parameter</th><th>in</th><th>type</th><th>required</th><th>description</th></tr>\n");
        for p in params {
            let _ = writeln!(
                html,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(text(p, "name")),
                escape(text(p, "in")),
                escape(&type_name(&p["schema"])),
                if p["required"].as_bool() == Some(true) {
                    "yes"
                } else {
                    ""
                },
                escape(text(p, "description"))
            );
        }
        html.push_str("</table>\n");
    }
    if let Some(body) = op["requestBody"]["content"].as_object() {
        for (media, content) in body {
            let _ = writeln!(
                html,
                "<p>Request body ({}): {}</p>",
                escape(media),
                schema_link(&content["schema"])
            );
        }
    }
    if let Some(responses) = op["responses"].as_object() {
        html.push_str("<table><tr><th>status</th><th>description</th><th>body</th></tr>\n");
        for (status, response) in responses {
            let bodies: Vec<String> = response["content"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(media, c)| {
                    if c.get("schema").is_some() {
                        format!("{} ({})", schema_link(&c["schema"]), escape(media))
                    } else {
                        escape(media)
                    }
                })
                .collect();
            let _ = writeln!(
                html,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(status),
                escape(text(response, "description")),
                bodies.join("<br>")
            );
        }
        html.push_str("</table>\n");
    }
    html.push_str("</section>\n");
}

fn schema_link(schema: &Value) -> String {
    let name = type_name(schema);
    match schema.get("$ref").and_then(Value::as_str) {
        Some(_) => format!(
            "<a href=\"#schema-{0}\"><code>{0}</code></a>",
            escape(&name)
        ),
        None => format!("<code>{}</code>", escape(&name)),
    }
}
