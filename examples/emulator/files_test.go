package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCABundleOutRefusesSymlink plants a symbolic link at the
// --ca-bundle-out path, pointing at a private file: the emulator refuses to
// start and the file is untouched.
func TestCABundleOutRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	private := filepath.Join(dir, "private")
	require.NoError(t, os.WriteFile(private, []byte("secret"), 0o600))
	link := filepath.Join(dir, "ca.pem")
	require.NoError(t, os.Symlink(private, link))

	var stderr syncBuffer
	code := run(context.Background(), []string{"--ca-bundle-out", link}, io.Discard, &stderr)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr.String(), "is a symbolic link: refusing to follow it")
	got, err := os.ReadFile(private)
	require.NoError(t, err)
	assert.Equal(t, "secret", string(got), "the link's target is untouched")
	fi, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, fi.Mode()&os.ModeSymlink, "the link is left as it was")
}

// TestCABundleOutReplacesFile checks that an existing file, writable by
// others, is replaced by a new one with fixed permissions, and that no
// temporary file is left behind.
func TestCABundleOutReplacesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ca.pem")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o666))
	require.NoError(t, os.Chmod(path, 0o666)) // past the umask
	before, err := os.Stat(path)
	require.NoError(t, err)

	require.NoError(t, writeBundle(path, []byte("-----BEGIN CERTIFICATE-----\n")))
	after, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), after.Mode().Perm())
	assert.False(t, os.SameFile(before, after), "a new file, not the old one rewritten")
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "-----BEGIN CERTIFICATE-----\n", string(got))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary file left")

	require.NoError(t, os.Mkdir(filepath.Join(dir, "d"), 0o755))
	assert.ErrorContains(t, writeBundle(filepath.Join(dir, "d"), nil), "not a regular file")
}

// TestInterruptWhileOpeningFIFO checks that a signal ends the emulator
// while it waits for a writer on a FIFO given as --data.
func TestInterruptWhileOpeningFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "data.fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"--data", fifo}, io.Discard, io.Discard) }()
	cancel() // the interrupt, while run waits in open(2) or is about to
	select {
	case code := <-done:
		assert.Equal(t, 0, code, "an interrupt exits 0")
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after the interrupt")
	}
	// Give the blocked open its writer, so that its goroutine ends (goleak).
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	require.NoError(t, err)
	w.Close()
}
