package main

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/awsevents/awsevents/examples/awsevents/internal/format"
)

// modelOutputShapes reads, from botocore's service-2.json of service, the
// member order of every structure inside the outputs of ops (the response
// shapes themselves excepted: the output document is built in order).
func modelOutputShapes(t *testing.T, dataDir, service string, ops []string) [][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dataDir, service, "*", "service-2.json*"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no model of %s in %s", service, dataDir)
	f, err := os.Open(files[len(files)-1])
	require.NoError(t, err)
	defer f.Close()
	var r interface{ Read([]byte) (int, error) } = f
	if strings.HasSuffix(f.Name(), ".gz") {
		gz, err := gzip.NewReader(f)
		require.NoError(t, err)
		r = gz
	}
	type member struct {
		Shape string `json:"shape"`
	}
	var model struct {
		Operations map[string]struct {
			Output member `json:"output"`
		} `json:"operations"`
		Shapes map[string]struct {
			Type    string          `json:"type"`
			Members json.RawMessage `json:"members"`
			Member  member          `json:"member"`
			Value   member          `json:"value"`
		} `json:"shapes"`
	}
	require.NoError(t, json.NewDecoder(r).Decode(&model))

	// membersInOrder decodes a shape's members, keeping their order.
	membersInOrder := func(raw json.RawMessage) ([]string, []string) {
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		_, err := dec.Token()
		require.NoError(t, err)
		var names, shapes []string
		for dec.More() {
			k, err := dec.Token()
			require.NoError(t, err)
			var m member
			require.NoError(t, dec.Decode(&m))
			names = append(names, k.(string))
			shapes = append(shapes, m.Shape)
		}
		return names, shapes
	}
	var out [][]string
	seen := map[string]bool{}
	var walk func(name string, top bool)
	walk = func(name string, top bool) {
		if seen[name] {
			return
		}
		seen[name] = true
		s := model.Shapes[name]
		switch s.Type {
		case "structure":
			names, shapes := membersInOrder(s.Members)
			if !top {
				out = append(out, names)
			}
			for _, sh := range shapes {
				walk(sh, false)
			}
		case "list":
			walk(s.Member.Shape, false)
		case "map":
			walk(s.Value.Shape, false)
		}
	}
	for _, op := range ops {
		walk(model.Operations[op].Output.Shape, true)
	}
	return out
}

// modelShapes is botocore's model, shape for shape, member for member.
// It needs botocore (the AWS CLI's library); where it is not installed,
// the test is skipped.
func TestModelShapesAreBotocores(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3, so no botocore")
	}
	dir, err := exec.Command(py, "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))").Output()
	if err != nil {
		t.Skip("botocore is not installed")
	}
	data := filepath.Join(strings.TrimSpace(string(dir)), "data")
	assert.Equal(t, modelOutputShapes(t, data, "ivs-realtime", []string{"ListParticipantEvents", "ListStageSessions", "ListParticipants"}),
		ivsShapes)
	assert.Equal(t, modelOutputShapes(t, data, "codecatalyst", []string{"ListEventLogs"}), codeCatalystShapes)
}

// --generate-cli-skeleton output prints every member of the model, in the
// model's order.
func TestSkeletonOutputInModelOrder(t *testing.T) {
	for _, g := range groups() {
		for _, cmd := range g.commands {
			if cmd.name == "session-timeline" {
				continue // not an operation of the model
			}
			for _, f := range cmd.sample {
				items, ok := f.Value.([]any)
				if !ok {
					continue
				}
				b, err := format.Marshal(items)
				require.NoError(t, err)
				var v any
				require.NoError(t, json.Unmarshal(b, &v))
				item := v.([]any)[0].(map[string]any)
				assert.True(t, slices.ContainsFunc(g.shapes, func(shape []string) bool {
					return len(shape) == len(item) && !slices.ContainsFunc(shape, func(k string) bool { _, ok := item[k]; return !ok })
				}), "%s: every member of a shape of the model", cmd)
				again, err := format.Marshal(format.ModelOrder(g.shapes, v))
				require.NoError(t, err)
				assert.Equal(t, string(b), string(again), "%s: in the model's order", cmd)
			}
		}
	}
}
