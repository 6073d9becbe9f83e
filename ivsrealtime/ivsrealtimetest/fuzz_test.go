package ivsrealtimetest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	sdkivs "github.com/aws/aws-sdk-go-v2/service/ivsrealtime"

	"github.com/awsevents/awsevents/internal/emulate"
	"github.com/awsevents/awsevents/ivsrealtime"
)

var fuzzPaths = []string{"/ListParticipantEvents", "/ListStageSessions", "/ListParticipants", "/Unknown"}

// FuzzDecodeRequest feeds arbitrary bodies to the emulator's request
// decoding and then to its operations: no panic, every error a 4xx with a
// code, and every page token within the model's alphabet and length.
func FuzzDecodeRequest(f *testing.F) {
	f.Add(uint8(0), `{"stageArn":"arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh","sessionId":"st-a1b2c3d4e5f6g","participantId":"abCDEf12GHIj","maxResults":1}`)
	f.Add(uint8(1), `{"stageArn":"arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh","maxResults":1,"nextToken":"AAAAAQ"}`)
	f.Add(uint8(2), `{"stageArn":"arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh","sessionId":"st-a1b2c3d4e5f6g","filterByPublished":true,"filterByState":"CONNECTED"}`)
	f.Add(uint8(0), `{"maxResults":1e99}`)
	f.Add(uint8(1), `[]`)
	f.Add(uint8(3), ``)
	h := NewHandler(WithDemo())
	svc, tokens := service{h.data}, emulate.NewTokens(nil, TokenOffset)
	f.Fuzz(func(t *testing.T, pathIdx uint8, body string) {
		req := httptest.NewRequest(http.MethodPost, fuzzPaths[int(pathIdx)%len(fuzzPaths)], nil)
		call, aerr := svc.Decode(req, []byte(body))
		if aerr != nil {
			if aerr.Status < 400 || aerr.Status >= 500 || aerr.Code == "" {
				t.Fatalf("decode error %+v", aerr)
			}
			return
		}
		if call.Operation == "" || call.Input == nil {
			t.Fatalf("decoded %+v without error", call)
		}
		reply, aerr := svc.List(call, tokens)
		if aerr != nil {
			if aerr.Status < 400 || aerr.Status >= 500 {
				t.Fatalf("operation error %+v", aerr)
			}
			return
		}
		doc := svc.Encode(call, reply)
		if tok := reply.Next; len(tok) > 1024 || !tokenAlphabet.MatchString(tok) {
			t.Fatalf("token %q outside the model's pattern", tok)
		}
		if len(doc) == 0 {
			t.Fatal("empty document")
		}
	})
}

// FuzzValidation checks that package ivsrealtime's input validation and the
// emulator's model agree: the client sends exactly the requests the service
// accepts (the client also requires a participant ID, which the model lets
// be empty).
func FuzzValidation(f *testing.F) {
	f.Add("arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh", "st-a1b2c3d4e5f6g", "abCDEf12GHIj", int32(0))
	f.Add("arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh", "st-a1b2c3d4e5f6gh", "abCDEf12GHIj", int32(100))
	f.Add("arn:aws:ivs:us-west-2:123456789012:channel/abcd", "st-1", "p", int32(101))
	f.Add("arn:aws-cn:ivs:cn-north-1:123456789012:stage/abcd", "st-1", "", int32(-1))
	f.Add("arn:aws:ivs:us-west-2:123456789012:stage/a_b", "st-", "a/b", int32(1))
	f.Add("", "", "", int32(50))
	s, tokens := newStore(), emulate.NewTokens(nil, TokenOffset)
	f.Fuzz(func(t *testing.T, stageARN, sessionID, participantID string, pageSize int32) {
		in := ivsrealtime.ParticipantEventsInput{StageARN: stageARN, SessionID: sessionID, ParticipantID: participantID}
		clientErr := in.Validate()
		sizeOK := pageSize >= 0 && pageSize <= ivsrealtime.MaxPageSize
		req := &sdkivs.ListParticipantEventsInput{StageArn: &stageARN, SessionId: &sessionID, ParticipantId: &participantID}
		if pageSize != 0 {
			req.MaxResults = &pageSize
		}
		_, _, serverErr := s.listParticipantEvents(req, tokens)
		serverValid := serverErr == nil || serverErr.Code != "ValidationException"
		clientValid := clientErr == nil && sizeOK
		if clientValid && !serverValid {
			t.Fatalf("client accepts what the service refuses: %+v size %d: %v", in, pageSize, serverErr)
		}
		if !clientValid && serverValid && participantID != "" {
			t.Fatalf("client refuses what the service accepts: %+v size %d: %v", in, pageSize, clientErr)
		}
	})
}
