// Package format prints the documents of the awsevents command as the AWS
// CLI prints them: json, yaml, yaml-stream, text and table byte for byte,
// and ndjson (one compact JSON value per line).
//
// Each formatter is given a document that --query has already been
// applied to (the tool applies it once, before any formatter), made of
// the values encoding/json decodes into (map[string]any, []any, string,
// float64, bool, nil) plus [Object], whose members keep their order, and
// [NaiveTime]. json, yaml and ndjson print an Object's members in order;
// text and table sort members, as the AWS CLI does.
//
// Readable formats (text, table) escape terminal control characters in
// every string they print ([Escape]); json escapes them as JSON does, and
// yaml quotes them, so every format is safe to print on a terminal.
package format
