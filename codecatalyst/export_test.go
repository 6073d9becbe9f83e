package codecatalyst

import "github.com/awsevents/awsevents/internal/throttle"

// Pacing returns what c's pacing did so far, for the tests of this
// directory (the pacing is not public API).
func Pacing(c *Client) throttle.Stats { return c.core.Pacer().Stats() }
