/** What registering one page image yields. */
import type { GrayImage } from '../gray-image.ts';
import type { Homography } from './geometry.ts';

export interface RegistrationQuality {
  /** Marks found and used (the page tag counts as one mark), and how many the template has. */
  marksFound: number;
  marksExpected: number;
  /** Page-corner markers found (at least 3 of 4 are required). */
  cornersFound: number;
  cornersExpected: number;
  tagFound: boolean;
  /**
   * RMS / max distance between each measured mark and where the other marks place it (leave-one-out
   * through the homography and the bend field), canonical px.
   */
  reprojErrorPx: number;
  maxErrorPx: number;
  /** Largest bend of the paper beyond the homography, canonical px (0 for a flat page). */
  bendPx: number;
  /** Marks that were matched but disagree with the others (dropped as wrong matches). */
  outliers: string[];
  /** Image px (of the working image) per canonical px, at the page centre. */
  scale: number;
  /** How the page is turned in the photo, degrees clockwise (0 = upright, 180 = upside down). */
  rotationDeg: number;
}

export interface Registered {
  kind: 'registered';
  templateId: string;
  /** The template's page number (Halaman N). */
  page: number;
  /**
   * Canonical px → px of the upright input image at its native resolution (EXIF orientation applied;
   * for rendered PDF pages, 72 dpi points). Row-major 3×3.
   */
  homography: Homography;
  quality: RegistrationQuality;
  /** The page warped to the template's canonical raster (template.canonical.width × height). */
  rectified: GrayImage;
  /** Text of the page's QR code, when the template prints one and it could be read. */
  qr?: string;
  timings: Record<string, number>;
}

export interface Unregistered {
  kind: 'unregistered';
  /** Why, in Bahasa Indonesia: which marks are missing. */
  reason: string;
  /** What was recognised anyway (e.g. the page tag was read but the corners are covered). */
  partial: {
    templateId?: string;
    page?: number;
    tagId?: number;
    cornersFound: number;
    cornersExpected?: number;
    missing: string[];
  };
  timings: Record<string, number>;
}

export interface NotAForm {
  kind: 'not_a_form';
  reason: string;
  timings: Record<string, number>;
}

export type RegisterResult = Registered | Unregistered | NotAForm;
