CREATE TABLE "lab_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"lab_slugs" text[] NOT NULL,
	"minutes" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"auto_submitted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_drafts" (
	"user_id" uuid NOT NULL,
	"lab_slug" text NOT NULL,
	"language" text NOT NULL,
	"code" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lab_drafts_user_id_lab_slug_language_pk" PRIMARY KEY("user_id","lab_slug","language")
);
--> statement-breakpoint
CREATE TABLE "lab_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"lab_slug" text NOT NULL,
	"language" text NOT NULL,
	"mode" text NOT NULL,
	"code" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"verdict" text,
	"passed" integer,
	"total" integer,
	"score" integer,
	"result" jsonb,
	"error" text,
	"assessment_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "lab_assessments" ADD CONSTRAINT "lab_assessments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_drafts" ADD CONSTRAINT "lab_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_submissions" ADD CONSTRAINT "lab_submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_submissions" ADD CONSTRAINT "lab_submissions_assessment_id_lab_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."lab_assessments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lab_assessments_user_idx" ON "lab_assessments" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "lab_submissions_user_lab_idx" ON "lab_submissions" USING btree ("user_id","lab_slug","created_at");--> statement-breakpoint
CREATE INDEX "lab_submissions_status_idx" ON "lab_submissions" USING btree ("status");