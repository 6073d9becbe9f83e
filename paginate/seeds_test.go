package paginate_test

import (
	"flag"
	"os"
	"strconv"
	"testing"
)

var seedsFlag = flag.Int("seeds", 0, "number of seeds each property test runs (default: a few hundred; PAGINATE_SEEDS also sets it)")

// seeds returns how many random cases a property test runs: -seeds or
// PAGINATE_SEEDS when set (to run thousands by hand), else n (a quarter
// with -short).
func seeds(n int) uint64 {
	if *seedsFlag > 0 {
		return uint64(*seedsFlag)
	}
	if v, err := strconv.Atoi(os.Getenv("PAGINATE_SEEDS")); err == nil && v > 0 {
		return uint64(v)
	}
	if testing.Short() {
		return uint64(max(n/4, 1))
	}
	return uint64(n)
}
