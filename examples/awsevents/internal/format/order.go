package format

import "slices"

// ModelOrder returns v with every map that is a structure of the service
// model (the first of shapes, each a structure's member names in the
// model's order, that holds every key of the map) turned into an Object
// whose members come in the model's order, as the AWS CLI prints them
// (botocore's parser builds each structure member by member, in its
// shape's order). A map that no shape holds (a map of the model, or an
// object --query made with other names) keeps its keys, which json and yaml
// print sorted. Objects keep their order; their values are ordered in
// turn.
func ModelOrder(shapes [][]string, v any) any {
	switch v := v.(type) {
	case Object:
		o := make(Object, len(v))
		for i, f := range v {
			o[i] = Field{f.Key, ModelOrder(shapes, f.Value)}
		}
		return o
	case map[string]any:
		members := shapeOf(shapes, v)
		if members == nil || len(v) == 0 {
			for k, e := range v {
				v[k] = ModelOrder(shapes, e)
			}
			return v
		}
		o := make(Object, 0, len(v))
		for _, k := range members {
			if e, ok := v[k]; ok {
				o = append(o, Field{k, ModelOrder(shapes, e)})
			}
		}
		return o
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = ModelOrder(shapes, e)
		}
		return out
	}
	return v
}

// shapeOf returns the member order of the first of shapes that has every
// key of m, or nil.
func shapeOf(shapes [][]string, m map[string]any) []string {
	for _, members := range shapes {
		if len(m) <= len(members) && !hasKeyOutside(m, members) {
			return members
		}
	}
	return nil
}

func hasKeyOutside(m map[string]any, members []string) bool {
	for k := range m {
		if !slices.Contains(members, k) {
			return true
		}
	}
	return false
}
