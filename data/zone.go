package data

import (
	"time"
	_ "time/tzdata" // the zone must be known on machines without a zoneinfo database (Windows)
)

// Zone is the time zone every date of the Ambito is shown and entered in: an Italian district lives
// in Europe/Rome whatever the computer says, so the same data prints the same hours on every laptop.
var Zone = mustZone("Europe/Rome")

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic("tavoli: time zone " + name + ": " + err.Error()) // embedded by time/tzdata: cannot fail
	}
	return z
}
