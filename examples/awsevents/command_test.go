package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each option of each command is declared once, and everything about the
// command line derives from that declaration: the flags, the help, the
// input skeleton and --cli-input-json.
func TestDeclarations(t *testing.T) {
	for _, g := range groups() {
		for _, cmd := range g.commands {
			t.Run(cmd.String(), func(t *testing.T) {
				inv := newInvocation(cmd)
				names, members := map[string]bool{}, map[string]bool{}
				var help bytes.Buffer
				printCommandUsage(&help, cmd)
				var skeleton bytes.Buffer
				require.NoError(t, writeInputSkeleton(&skeleton, inv.params, "input"))
				var in map[string]any
				require.NoError(t, json.Unmarshal(skeleton.Bytes(), &in))
				for _, s := range inv.sections() {
					for _, o := range s.opts {
						assert.False(t, names[o.name], "--%s declared twice", o.name)
						names[o.name] = true
						assert.NotEmpty(t, o.help, o.name)
						assert.Contains(t, help.String(), "--"+o.name+" ", "the help shows --%s", o.name)
						if o.member == "" {
							continue
						}
						assert.Equal(t, "Parameters", s.title, "%s: a model member is a parameter of the command", o.name)
						assert.False(t, members[o.member], "member %s declared twice", o.member)
						members[o.member] = true
						assert.Contains(t, in, o.member, "the input skeleton has %s", o.member)
					}
				}
				assert.Len(t, in, len(members), "the input skeleton has the parameters' members, nothing else")
				// The skeleton, its members filled in, is input the command takes.
				_, err := decodeJSONInput(skeleton.String(), inv.params)
				assert.NoError(t, err)
				assert.NotNil(t, cmd.sample, "--generate-cli-skeleton output has a sample")
			})
		}
	}
}

// --generate-cli-skeleton takes an optional value, as in the AWS CLI: alone
// or before another option it is input; a word after it is its value.
func TestSkeletonOptionalValue(t *testing.T) {
	cmd := findGroup("ivs-realtime").find("list-stage-sessions")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--generate-cli-skeleton"}, "input"},
		{[]string{"--generate-cli-skeleton", "--stage-arn", stage}, "input"},
		{[]string{"--generate-cli-skeleton", "yaml-input"}, "yaml-input"},
		{[]string{"--generate-cli-skeleton=yaml-input"}, "yaml-input"},
		{[]string{"--stage-arn", stage, "--generate-cli-skeleton", "output", "--region", "x"}, "output"},
	} {
		inv, err := parse(context.Background(), cmd, c.args, env{}, io.Discard)
		require.NoError(t, err, "%v", c.args)
		assert.Equal(t, c.want, inv.g.input.skeleton, "%v", c.args)
	}
	for _, args := range [][]string{
		{"--generate-cli-skeleton", "xml"},
		{"--generate-cli-skeleton", "input", "extra"},
		{"--stage-arn", stage, "extra"},
		{"--stage-arn", stage, "--", "--generate-cli-skeleton"},
	} {
		_, err := parse(context.Background(), cmd, args, env{}, io.Discard)
		assert.Equal(t, exitUsage, exitCode(err), "%v: %v", args, err)
	}
}

// An option of the tool that a command does not take says so, and why.
func TestOptionNotTaken(t *testing.T) {
	_, stderr, code := cli(t, timelineArgs("--query", "x")...)
	assert.Equal(t, exitUsage, code)
	assertOneLine(t, stderr, "ivs-realtime session-timeline takes no --query: a timeline is drawn from every event of the session")
	_, stderr, code = cli(t, "ivs-realtime", "list-stage-sessions", "--local", "--stage-arn", stage, "--participant-id", "x")
	assert.Equal(t, exitUsage, code)
	assertOneLine(t, stderr, "ivs-realtime list-stage-sessions takes no --participant-id")
	_, stderr, code = cli(t, "ivs-realtime", "list-stage-sessions", "--local", "--stage-arn", stage, "--no-such-option")
	assert.Equal(t, exitUsage, code)
	assertOneLine(t, stderr, "unknown flag: --no-such-option")
	assert.False(t, strings.Contains(stderr, "takes no"))
}
