/**
 * Types for the opencv.js module. The package ships declarations for the core API (`CV`); the ArUco/AprilTag
 * classes exist in the 4.12 build but are not declared, so the few members Pleno uses are declared here.
 */
import type { CV, Mat, MatVector } from '@techstark/opencv-js';

export type { Mat, MatVector } from '@techstark/opencv-js';

export interface ArucoDictionary {
  delete(): void;
}

export interface ArucoDetectorParameters {
  adaptiveThreshWinSizeMin: number;
  adaptiveThreshWinSizeMax: number;
  adaptiveThreshWinSizeStep: number;
  adaptiveThreshConstant: number;
  minMarkerPerimeterRate: number;
  maxMarkerPerimeterRate: number;
  polygonalApproxAccuracyRate: number;
  minCornerDistanceRate: number;
  minMarkerDistanceRate: number;
  cornerRefinementMethod: number;
  cornerRefinementWinSize: number;
  cornerRefinementMaxIterations: number;
  cornerRefinementMinAccuracy: number;
  markerBorderBits: number;
  perspectiveRemovePixelPerCell: number;
  perspectiveRemoveIgnoredMarginPerCell: number;
  maxErroneousBitsInBorderRate: number;
  errorCorrectionRate: number;
  detectInvertedMarker: boolean;
  delete(): void;
}

export interface ArucoRefineParameters {
  delete(): void;
}

export interface ArucoDetector {
  detectMarkers(image: Mat, corners: MatVector, ids: Mat, rejected: MatVector): void;
  delete(): void;
}

interface ArucoApi {
  getPredefinedDictionary(dict: number): ArucoDictionary;
  aruco_DetectorParameters: new () => ArucoDetectorParameters;
  aruco_RefineParameters: new (minRepDistance: number, errorCorrectionRate: number, checkAllOrders: boolean) => ArucoRefineParameters;
  aruco_ArucoDetector: new (
    dictionary: ArucoDictionary,
    params: ArucoDetectorParameters,
    refine: ArucoRefineParameters,
  ) => ArucoDetector;
  generateImageMarker(dictionary: ArucoDictionary, id: number, sidePixels: number, img: Mat, borderBits: number): void;
  DICT_APRILTAG_36h10: number;
  CORNER_REFINE_NONE: number;
  CORNER_REFINE_SUBPIX: number;
  CORNER_REFINE_CONTOUR: number;
  CORNER_REFINE_APRILTAG: number;
  exceptionFromPtr(ptr: number): { msg: string };
}

export type OpenCv = Omit<CV, 'exceptionFromPtr'> & ArucoApi;
