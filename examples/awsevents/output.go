package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
	"github.com/awsevents/awsevents/examples/awsevents/internal/query"
)

// output prints the documents of a run in the --output format. print is
// the one place where --query applies: each document is queried, its
// members put in the order aws prints them, and handed to its formatter
// (internal/format). What a document is depends on the format, as in the
// AWS CLI: the whole listing for json, yaml and table (they print at the
// end), each page for text and yaml-stream, each item for ndjson.
type output struct {
	format string
	query  *query.Query // nil without --query
	shapes [][]string   // the service model's structures, for their members' order
	title  string       // the table's title: the operation
	style  format.TableStyle
	w      *bufio.Writer // stdout
	stderr io.Writer
}

// print prints one document: --query applied, members ordered, formatted.
// An ndjson item that the query maps to null is left out.
func (o *output) print(doc any) error {
	v := doc
	if o.query != nil {
		var err error
		if v, err = o.query.Search(doc); err != nil {
			return fmt.Errorf("--query: %w", err)
		}
		if v == nil && o.format == "ndjson" {
			return nil
		}
	}
	switch o.format {
	case "json":
		return format.WriteJSON(o.w, o.ordered(v))
	case "yaml":
		return format.WriteYAML(o.w, o.ordered(v))
	case "yaml-stream":
		return format.WriteYAMLStream(o.w, o.ordered(v))
	case "ndjson":
		return format.WriteNDJSON(o.w, o.ordered(v))
	case "text":
		return format.WriteText(o.w, v)
	case "table":
		return format.WriteTable(o.w, o.title, v, o.style)
	}
	return fmt.Errorf("no output format %q", o.format)
}

// ordered puts the members of the model's structures in the model's
// order, for the formats that keep an object's order (json, yaml,
// yaml-stream, ndjson); text and table sort members, in aws too.
func (o *output) ordered(v any) any { return format.ModelOrder(o.shapes, v) }

func (o *output) flush() error { return o.w.Flush() }

// page prints one page as the service sent it (--max-results,
// --next-token, --no-paginate), or the sample output of
// --generate-cli-skeleton output, in any format, as the AWS CLI prints the
// reply of an operation it does not paginate. ndjson prints the page's
// items, one a line, and the service's nextToken on stderr.
func (o *output) page(doc format.Object) error {
	if o.format != "ndjson" {
		if err := o.print(doc); err != nil {
			return err
		}
		return o.flush()
	}
	token := ""
	for _, f := range doc {
		switch v := f.Value.(type) {
		case []any:
			for _, it := range v {
				if err := o.print(it); err != nil {
					return err
				}
			}
		case string:
			token = v
		}
	}
	if err := o.flush(); err != nil {
		return err
	}
	if token != "" {
		note(o.stderr, "more items; the service's nextToken is "+token)
	}
	return nil
}

// renderer prints the items of a listing, page by page.
type renderer interface {
	// page prints (or keeps) the items of one page.
	page(items []any) error
	// finish ends the output. next is the cursor to resume from ("" when
	// every item was printed); stopped reports that an interrupt or a
	// failure ended the listing early (the caller then reports next on
	// stderr).
	finish(next string, stopped bool) error
}

// listing returns the renderer of a listing whose items are under key.
func (o *output) listing(key string) renderer {
	switch o.format {
	case "ndjson":
		return ndjsonRenderer{o}
	case "text":
		return textRenderer{o, key}
	case "yaml-stream":
		return yamlStreamRenderer{o, key}
	}
	return &bufferedRenderer{o: o, key: key}
}

// document is the AWS CLI's output document for a listing.
func document(key string, items []any, next string) format.Object {
	if items == nil {
		items = []any{}
	}
	doc := format.Object{{Key: key, Value: items}}
	if next != "" {
		doc = append(doc, format.Field{Key: "NextToken", Value: next})
	}
	return doc
}

// bufferedRenderer collects every item and prints one document at the end:
// json, yaml and table, as the AWS CLI (a query needs the whole document,
// and a table's columns are as wide as its widest cell).
type bufferedRenderer struct {
	o     *output
	key   string
	items []any
}

func (b *bufferedRenderer) page(items []any) error {
	b.items = append(b.items, items...)
	return nil
}

func (b *bufferedRenderer) finish(next string, stopped bool) error {
	if stopped && len(b.items) == 0 {
		return nil
	}
	if err := b.o.print(document(b.key, b.items, next)); err != nil {
		return err
	}
	return b.o.flush()
}

// ndjsonRenderer prints one compact JSON object per item and flushes each
// page as it arrives. --query applies to each item. A NextToken goes to
// stderr, so that stdout holds items only.
type ndjsonRenderer struct{ o *output }

func (n ndjsonRenderer) page(items []any) error {
	for _, it := range items {
		if err := n.o.print(it); err != nil {
			return err
		}
	}
	return n.o.flush()
}

func (n ndjsonRenderer) finish(next string, stopped bool) error {
	if err := n.o.flush(); err != nil {
		return err
	}
	if next != "" && !stopped {
		note(n.o.stderr, "more items; resume with --starting-token "+next)
	}
	return nil
}

// textRenderer prints the AWS CLI's text output page by page, as the AWS
// CLI does (--query applies to each page's document).
type textRenderer struct {
	o   *output
	key string
}

func (t textRenderer) page(items []any) error {
	if err := t.o.print(format.Object{{Key: t.key, Value: items}}); err != nil {
		return err
	}
	return t.o.flush()
}

// finish prints the resume token as the AWS CLI's text output does: as one
// more document, {"NextToken": {"NextToken": token}}, which --query applies
// to as well (so `--query items[].id` prints None for it, as aws).
func (t textRenderer) finish(next string, _ bool) error {
	if next != "" {
		if err := t.o.print(map[string]any{"NextToken": map[string]any{"NextToken": next}}); err != nil {
			return err
		}
	}
	return t.o.flush()
}

// yamlStreamRenderer prints each page as it arrives, as one element of a
// top-level YAML list (the AWS CLI v2's yaml-stream); --query applies to
// each page's document, and the closing NextToken element is printed as it
// is.
type yamlStreamRenderer struct {
	o   *output
	key string
}

func (y yamlStreamRenderer) page(items []any) error {
	if err := y.o.print(format.Object{{Key: y.key, Value: items}}); err != nil {
		return err
	}
	return y.o.flush()
}

func (y yamlStreamRenderer) finish(next string, _ bool) error {
	if next != "" {
		if err := format.WriteYAMLStream(y.o.w, format.Object{{Key: "NextToken", Value: next}}); err != nil {
			return err
		}
	}
	return y.o.flush()
}
