package timeline

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// The browser test needs a Chromium; CI installs Debian's (.ci/run).
const installChromium = "install it with `apt-get update && apt-get install -y chromium` (Debian), or set CHROMIUM to its path"

// chromium returns the path of a Chromium (or Chrome) to run headless. It
// skips the test when there is none, except in CI (CI=true), where it
// fails: the browser check must never be skipped there.
func chromium(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no chromium found, and CI=true: the browser check must run in CI; " + installChromium)
	}
	t.Skip("no chromium found: " + installChromium)
	return ""
}

func hexColor(t *testing.T, s string) color.RGBA {
	t.Helper()
	var c color.RGBA
	c.A = 255
	for i, p := range []*uint8{&c.R, &c.G, &c.B} {
		var v uint8
		for _, ch := range s[1+2*i : 3+2*i] {
			v <<= 4
			switch {
			case ch >= '0' && ch <= '9':
				v |= uint8(ch - '0')
			case ch >= 'a' && ch <= 'f':
				v |= uint8(ch - 'a' + 10)
			default:
				t.Fatalf("bad colour %q", s)
			}
		}
		*p = v
	}
	return c
}

// near reports whether two colours differ by at most 6 in every channel
// (antialiasing and colour management may move them a little).
func near(a color.Color, b color.RGBA) bool { return within(a, b, 6) }

// within reports whether two colours differ by at most tol in every channel.
func within(a color.Color, b color.RGBA, tol int) bool {
	r, g, bl, _ := a.RGBA()
	d := func(x uint32, y uint8) bool { v := int(x>>8) - int(y); return v >= -tol && v <= tol }
	return d(r, b.R) && d(g, b.G) && d(bl, b.B)
}

// TestDemoHTMLInChromium renders the demo session's page in headless
// Chromium and checks the screenshot: the picture is there, one row per
// participant, the seed participant's presence bar from 20:30:34 to
// 20:36:28 UTC where it belongs, and the error marks.
func TestDemoHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	tl := demoTimeline(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "demo.html")
	f, err := os.Create(page)
	require.NoError(t, err)
	require.NoError(t, tl.WriteHTML(f))
	require.NoError(t, f.Close())
	shot := filepath.Join(dir, "demo.png")

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--force-device-scale-factor=1", "--force-color-profile=srgb",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--screenshot="+shot, "--window-size=1100,900",
		"file://"+page)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "chromium: %s", out)

	r, err := os.Open(shot)
	require.NoError(t, err, "chromium wrote no screenshot: %s", out)
	defer r.Close()
	img, err := png.Decode(r)
	require.NoError(t, err)
	if dst := os.Getenv("TIMELINE_PNG"); dst != "" { // keep a copy to look at
		b, err := os.ReadFile(shot)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(dst, b, 0o644))
	}

	// The picture's background is a colour used nowhere else (the page is
	// white, 4 apart): the lines mostly of that colour are the chart's
	// strips above and below its rows, and give its box.
	bg := hexColor(t, colBackground)
	box := image.Rectangle{Min: image.Pt(-1, -1)}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		first, last, n := -1, -1, 0
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			if within(img.At(x, y), bg, 1) {
				if first < 0 {
					first = x
				}
				last, n = x, n+1
			}
		}
		if n < svgWidth/2 {
			continue
		}
		if box.Min.Y < 0 {
			box.Min = image.Pt(first, y)
			box.Max.X = last + 1
		}
		box.Max.Y = y + 1
	}
	require.GreaterOrEqual(t, box.Min.Y, 0, "blank page: the chart's background is nowhere in the screenshot")
	l := newLayout(tl, drawOpts{})
	assert.Equal(t, svgWidth, box.Dx(), "the chart's width")
	assert.InDelta(t, l.height, float64(box.Dy()), 1, "the chart's height")
	x0, y0 := box.Min.X, box.Min.Y

	// One stripe per participant down the label column.
	stripes := []color.RGBA{hexColor(t, colStripe0), hexColor(t, colStripe1)}
	rows, last := 0, -1
	for y := y0; y < box.Max.Y; y++ {
		k := -1
		for i, s := range stripes {
			if within(img.At(x0+3, y), s, 2) { // stripe 1 and the background are 5 apart
				k = i
			}
		}
		if k >= 0 && k != last {
			rows++
		}
		last = k
	}
	assert.Equal(t, len(tl.Participants), rows, "one row per participant")
	assert.Equal(t, 5, rows, "the demo session has five participants")

	// The seed participant's row (the first: it joined first) has its
	// presence bar from 20:30:34 to 20:36:28 UTC: sample just inside and
	// just outside both ends, in the part of the bar above the publishing bar.
	require.Equal(t, ivsrealtimetest.DemoParticipantID, tl.Participants[0].ID)
	utc := func(hms string) time.Time {
		v, err := time.Parse(time.DateTime, "2023-04-26 "+hms)
		require.NoError(t, err)
		return v
	}
	present := hexColor(t, colPresent)
	y := y0 + int(l.rowY(0)+presTop+1.5)
	startX := x0 + int(l.x(utc("20:30:34")))
	endX := x0 + int(l.x(utc("20:36:28")))
	assert.True(t, near(img.At(startX+2, y), present), "just inside the start: %v", img.At(startX+2, y))
	assert.False(t, near(img.At(startX-3, y), present), "just before the start: %v", img.At(startX-3, y))
	assert.True(t, near(img.At(endX-3, y), present), "just inside the end: %v", img.At(endX-3, y))
	assert.False(t, near(img.At(endX+2, y), present), "just after the end: %v", img.At(endX+2, y))
	assert.True(t, near(img.At((startX+endX)/2, y), present), "the middle of the bar")

	// The error marks: red pixels in the rows, at least one per row with errors.
	red := hexColor(t, colError)
	for i, p := range tl.Participants {
		found := 0
		top := y0 + int(l.rowY(i))
		for yy := top; yy < top+rowHeight; yy++ {
			for xx := x0 + plotLeft - 6; xx < x0+plotRight+6; xx++ {
				if near(img.At(xx, yy), red) {
					found++
				}
			}
		}
		if len(p.Errors) > 0 {
			assert.Greater(t, found, 10, "no error mark in the row of %s", p.ID)
		} else {
			assert.Zero(t, found, "an error mark in the row of %s, which has no error", p.ID)
		}
	}
}
