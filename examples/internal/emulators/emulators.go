package emulators

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/awsevents/awsevents/codecatalyst"
	"github.com/awsevents/awsevents/codecatalyst/codecatalysttest"
	"github.com/awsevents/awsevents/ivsrealtime"
	"github.com/awsevents/awsevents/ivsrealtime/ivsrealtimetest"
)

// TokenKey is the key the example programs' emulators (awsevents --local
// and the standalone emulator) sign their page tokens with, instead of a
// random key per run: a NextToken or cursor that one run prints is then
// accepted by the next run, and by the standalone emulator, as long as they
// serve the same data. It is no secret, so anyone can forge these tokens:
// that is harmless for emulators of demo data on loopback.
const TokenKey = "awsevents example emulators: page token key v1"

// CodeCatalystToken is the bearer token the example programs send to a
// CodeCatalyst emulator, which accepts any.
const CodeCatalystToken = "codecatalysttest-token"

// Region is the region of the example programs' clients of the emulators.
const Region = "us-west-2"

// IVSTokenKey returns the option that makes an IVS emulator sign its page
// tokens with TokenKey.
func IVSTokenKey() ivsrealtimetest.Option { return ivsrealtimetest.WithTokenKey([]byte(TokenKey)) }

// CodeCatalystTokenKey returns the option that makes a CodeCatalyst
// emulator sign its page tokens with TokenKey.
func CodeCatalystTokenKey() codecatalysttest.Option {
	return codecatalysttest.WithTokenKey([]byte(TokenKey))
}

// Data is what the emulators serve, in the JSON form of a data file:
//
//	{
//	  "ivsRealtime": {"stages": [{"arn": "arn:aws:ivs:...:stage/...", "sessions": [
//	    {"sessionId": "st-...", "participants": [
//	      {"participantId": "...", "events": [{"name": "JOINED", "eventTime": "2023-04-26T20:30:34Z"}]}]}]}]},
//	  "codeCatalyst": {"spaces": [{"name": "my-space", "eventLogs": [
//	    {"eventName": "CreateProject", "eventTime": "2024-05-14T09:00:00Z", ...}]}]}
//	}
//
// Participants and event logs use the field names of the service (and of
// ivsrealtime.Participant, ivsrealtime.Event and codecatalyst.EventLog).
// Unknown fields are an error, so that a misspelt name is not silently
// ignored.
type Data struct {
	IVSRealtime  IVSData          `json:"ivsRealtime"`
	CodeCatalyst CodeCatalystData `json:"codeCatalyst"`
}

// IVSData is the IVS Real-Time part of Data.
type IVSData struct {
	Stages []Stage `json:"stages"`
}

// Stage is a stage and its sessions.
type Stage struct {
	ARN      string    `json:"arn"`
	Sessions []Session `json:"sessions"`
}

// Session is a stage session and its participants. A zero StartTime is taken
// from the earliest event.
type Session struct {
	ID           string        `json:"sessionId"`
	StartTime    time.Time     `json:"startTime,omitzero"`
	EndTime      time.Time     `json:"endTime,omitzero"`
	Participants []Participant `json:"participants"`
}

// Participant is a participant's summary (fields left out are derived from
// its events, as ivsrealtimetest.Participant documents) and its events.
type Participant struct {
	ivsrealtime.Participant
	Events []ivsrealtime.Event `json:"events"`
}

// CodeCatalystData is the CodeCatalyst part of Data.
type CodeCatalystData struct {
	Spaces []Space `json:"spaces"`
}

// Space is a CodeCatalyst space and its event log. Entries without an id get
// one.
type Space struct {
	Name      string                  `json:"name"`
	EventLogs []codecatalyst.EventLog `json:"eventLogs"`
}

// Demo returns the demo datasets of both emulators as Data.
func Demo() Data {
	var d Data
	for _, st := range ivsrealtimetest.Demo() {
		s := Stage{ARN: st.ARN}
		for _, se := range st.Sessions {
			ss := Session{ID: se.ID, StartTime: se.StartTime, EndTime: se.EndTime}
			for _, p := range se.Participants {
				ss.Participants = append(ss.Participants, Participant{Participant: p.Participant, Events: p.Events})
			}
			s.Sessions = append(s.Sessions, ss)
		}
		d.IVSRealtime.Stages = append(d.IVSRealtime.Stages, s)
	}
	d.CodeCatalyst.Spaces = []Space{{Name: codecatalysttest.DemoSpace, EventLogs: codecatalysttest.DemoEntries()}}
	return d
}

// Decode reads a data file and checks it: every stage ARN, session ID,
// participant ID and space name must be one the service accepts, and every
// event and event log needs a name and a time.
func Decode(r io.Reader) (Data, error) {
	var d Data
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return Data{}, fmt.Errorf("data file: %w", err)
	}
	if dec.More() {
		return Data{}, errors.New("data file: more than one JSON value")
	}
	if err := d.Validate(); err != nil {
		return Data{}, err
	}
	return d, nil
}

// Validate checks d as Decode does.
func (d Data) Validate() error {
	for i, st := range d.IVSRealtime.Stages {
		if err := (ivsrealtime.SessionsInput{StageARN: st.ARN}).Validate(); err != nil {
			return fmt.Errorf("data file: ivsRealtime.stages[%d]: %w", i, err)
		}
		for j, se := range st.Sessions {
			where := fmt.Sprintf("ivsRealtime.stages[%d].sessions[%d]", i, j)
			if err := (ivsrealtime.SessionEventsInput{StageARN: st.ARN, SessionID: se.ID}).Validate(); err != nil {
				return fmt.Errorf("data file: %s: %w", where, err)
			}
			for k, p := range se.Participants {
				where := fmt.Sprintf("%s.participants[%d]", where, k)
				if err := (ivsrealtime.ParticipantEventsInput{StageARN: st.ARN, SessionID: se.ID, ParticipantID: p.ID}).Validate(); err != nil {
					return fmt.Errorf("data file: %s: %w", where, err)
				}
				for l, ev := range p.Events {
					if ev.Name == "" || ev.Time.IsZero() {
						return fmt.Errorf("data file: %s.events[%d]: name and eventTime are required", where, l)
					}
					if ev.ParticipantID != "" && ev.ParticipantID != p.ID {
						return fmt.Errorf("data file: %s.events[%d]: participantId %q is not the participant's (%q)", where, l, ev.ParticipantID, p.ID)
					}
				}
			}
		}
	}
	for i, sp := range d.CodeCatalyst.Spaces {
		probe := codecatalyst.EventLogsInput{SpaceName: sp.Name, StartTime: time.Unix(0, 0), EndTime: time.Unix(1, 0)}
		if err := probe.Validate(); err != nil {
			return fmt.Errorf("data file: codeCatalyst.spaces[%d]: %w", i, err)
		}
		for j, e := range sp.EventLogs {
			if e.EventName == "" || e.EventTime.IsZero() {
				return fmt.Errorf("data file: codeCatalyst.spaces[%d].eventLogs[%d]: eventName and eventTime are required", i, j)
			}
		}
	}
	return nil
}

// IVSStages returns the IVS part of d as the emulator's seed data.
func (d Data) IVSStages() []ivsrealtimetest.Stage {
	var out []ivsrealtimetest.Stage
	for _, st := range d.IVSRealtime.Stages {
		s := ivsrealtimetest.Stage{ARN: st.ARN}
		for _, se := range st.Sessions {
			ss := ivsrealtimetest.Session{ID: se.ID, StartTime: se.StartTime, EndTime: se.EndTime}
			for _, p := range se.Participants {
				ss.Participants = append(ss.Participants, ivsrealtimetest.Participant{Participant: p.Participant, Events: p.Events})
			}
			s.Sessions = append(s.Sessions, ss)
		}
		out = append(out, s)
	}
	return out
}

// CodeCatalystOptions returns the CodeCatalyst part of d as emulator options.
func (d Data) CodeCatalystOptions() []codecatalysttest.Option {
	var out []codecatalysttest.Option
	for _, sp := range d.CodeCatalyst.Spaces {
		out = append(out, codecatalysttest.WithSpaces(codecatalysttest.Space{Name: sp.Name, Entries: sp.EventLogs}))
	}
	return out
}

// RootCAs returns the certificate pool an emulator's HTTP client trusts, as
// httptest sets it up.
func RootCAs(c *http.Client) (*x509.CertPool, error) {
	tr, ok := c.Transport.(*http.Transport)
	if !ok || tr.TLSClientConfig == nil || tr.TLSClientConfig.RootCAs == nil {
		return nil, errors.New("emulators: the emulator's HTTP client has no certificate pool")
	}
	return tr.TLSClientConfig.RootCAs, nil
}

// CertificatePEM returns cert in PEM form: a CA bundle that other clients
// (the AWS CLI's --ca-bundle, AWS_CA_BUNDLE) can trust, such as the
// CodeCatalyst emulator's codecatalysttest.Server.Certificate.
func CertificatePEM(cert *x509.Certificate) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})
}
