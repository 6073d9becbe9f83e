package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goldenCase is one line of testdata/golden/cases.txt.
type goldenCase struct {
	name string
	args []string
}

// splitArgs splits s on spaces; single quotes group, as in a shell.
func splitArgs(s string) []string {
	var args []string
	var cur strings.Builder
	quoted, inWord := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted = !quoted
			inWord = true
		case r == ' ' && !quoted:
			if inWord {
				args = append(args, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		args = append(args, cur.String())
	}
	return args
}

func goldenCases(t *testing.T) []goldenCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "golden", "cases.txt"))
	require.NoError(t, err)
	defer f.Close()
	names := strings.NewReplacer(
		"SA", "arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh",
		"SE", "st-a1b2c3d4e5f6g",
		"P1", "abCDEf12GHIj", "P2", "qRsTuV34WXyz", "P3", "mNoPqR56StUv")
	var cases []goldenCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, args, ok := strings.Cut(line, "\t")
		require.True(t, ok, "cases.txt: no tab in %q", line)
		cases = append(cases, goldenCase{name, splitArgs(names.Replace(args))})
	}
	require.NoError(t, sc.Err())
	return cases
}

// The golden matrix: for each case, awsevents prints, byte for byte, what
// the AWS CLI printed for the same call on the same emulator data
// (testdata/golden/regenerate.sh captured it; this test does not need aws).
func TestGoldenAWSCLI(t *testing.T) {
	cases := goldenCases(t)
	require.GreaterOrEqual(t, len(cases), 46)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", "golden", c.name+".golden"))
			require.NoError(t, err, "run testdata/golden/regenerate.sh where aws is installed")
			stdout, stderr, code := cli(t, append(c.args, "--local")...)
			require.Equal(t, 0, code, stderr)
			// Byte for byte, json included: members in the model's order
			// (or the query's), as aws prints them.
			assert.Equal(t, string(want), stdout, "awsevents %s", strings.Join(c.args, " "))
		})
	}
}
