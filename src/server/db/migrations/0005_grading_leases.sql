ALTER TABLE "lab_submissions" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lab_submissions" ADD COLUMN "lease_token" uuid;--> statement-breakpoint
ALTER TABLE "lab_submissions" ADD COLUMN "lease_expires_at" timestamp with time zone;