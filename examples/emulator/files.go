package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/awsevents/awsevents/examples/internal/emulators"
)

// bundleMode is the mode of the --ca-bundle-out file: a certificate is
// public, but only its owner may change what the AWS CLI trusts.
const bundleMode = 0o644

// writeBundle writes data to path for --ca-bundle-out without trusting what
// is there: it refuses a symbolic link or anything but a regular file,
// writes a new file (O_EXCL) in path's directory and renames it over path.
// The rename replaces a link planted after the check instead of following
// it, and the file has bundleMode whatever the old one had.
func writeBundle(path string, data []byte) error {
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("--ca-bundle-out %s is a symbolic link: refusing to follow it", path)
	case err == nil && !fi.Mode().IsRegular():
		return fmt.Errorf("--ca-bundle-out %s is not a regular file", path)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("--ca-bundle-out: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("--ca-bundle-out: %w", err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(bundleMode)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("--ca-bundle-out: %w", err)
	}
	return nil
}

// readData reads the --data file. Opening a FIFO blocks until a writer
// comes, and reading it until the writer writes: both happen in a goroutine,
// so that an interrupt (ctx) still ends the emulator at once. The goroutine
// then ends when the FIFO gets a writer or the process exits.
func readData(ctx context.Context, path string) (emulators.Data, error) {
	type result struct {
		data emulators.Data
		err  error
	}
	done := make(chan result, 1)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			done <- result{err: err}
			return
		}
		defer f.Close()
		data, err := emulators.Decode(f)
		if err != nil {
			err = fmt.Errorf("%s: %w", path, err)
		}
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		return emulators.Data{}, ctx.Err()
	}
}
