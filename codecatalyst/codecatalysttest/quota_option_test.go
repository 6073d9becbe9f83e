package codecatalysttest_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
)

// A negative, NaN or infinite rate quota is a mistake, not "no quota": the
// option panics, naming itself, before any server or fake is built.
func TestWithRateQuotaRefusesBadValues(t *testing.T) {
	for _, v := range []float64{-5, math.NaN(), math.Inf(1)} {
		assert.PanicsWithValue(t, "codecatalysttest: WithRateQuota: the rate quota must be 0 (no quota) or a positive number of requests per second, not "+fmtFloat(v),
			func() { codecatalysttest.WithRateQuota(v) }, "%v", v)
	}
	assert.NotPanics(t, func() {
		codecatalysttest.NewFake(codecatalysttest.WithRateQuota(0), codecatalysttest.WithRateQuota(1e20))
	})
}

func fmtFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	}
	return "-5"
}
