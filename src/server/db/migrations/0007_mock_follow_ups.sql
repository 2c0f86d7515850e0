CREATE TABLE "mock_follow_ups" (
	"mock_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"number" integer NOT NULL,
	"question" text NOT NULL,
	"source" text NOT NULL,
	"probes" text,
	"quote" text,
	"quote_turn" integer,
	"quote_start" integer,
	"quote_end" integer,
	"note" text,
	"answer" text DEFAULT '' NOT NULL,
	"feedback" jsonb,
	"asked_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "mock_follow_ups_mock_id_item_id_number_pk" PRIMARY KEY("mock_id","item_id","number")
);
--> statement-breakpoint
ALTER TABLE "mock_follow_ups" ADD CONSTRAINT "mock_follow_ups_mock_id_mock_interviews_id_fk" FOREIGN KEY ("mock_id") REFERENCES "public"."mock_interviews"("id") ON DELETE cascade ON UPDATE no action;